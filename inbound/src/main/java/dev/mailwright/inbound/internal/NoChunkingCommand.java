package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * {@code BDAT} when {@code CHUNKING} is not offered (the listener does not offer it): the chunk's
 * bytes are read and thrown away, exactly as many as announced, so that nothing in them is ever
 * taken for a command, and the transaction is reset. A chunk whose size cannot be read, or is
 * over the size limit, ends the connection: its end cannot be found or is not worth waiting for.
 * SubEthaSMTP 7.2.0's own {@code BDAT} left a refused chunk to be read as commands.
 */
public final class NoChunkingCommand extends BaseCommand {
    private static final Logger LOG = LoggerFactory.getLogger(NoChunkingCommand.class);

    private final ListenerSessions sessions;

    /** @param sessions the listener's sessions (for the data-rate deadline) */
    public NoChunkingCommand(ListenerSessions sessions) {
        super("BDAT", "Not offered: use DATA.");
        this.sessions = sessions;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        String[] args = getArgs(commandString);
        long size = args.length >= 2 && args.length <= 3 ? size(args[1]) : -1;
        if (size < 0 || (args.length == 3 && !args[2].equalsIgnoreCase("LAST"))) {
            session.resetMailTransaction();
            throw drop(session, 501, "5.5.4 Syntax: BDAT size [LAST]; closing the connection (the end of the chunk is unknown)");
        }
        if (size > session.getServer().getMaxMessageSize()) {
            session.resetMailTransaction();
            throw drop(session, 552, "5.3.4 Error: a chunk of " + size + " bytes exceeds the size limit; closing the connection");
        }
        SessionGuard guard = sessions.guard(session);
        guard.dataBegins();
        try {
            skip(session.getRawInput(), size);
        } catch (IOException e) {
            SmtpInputException s = SmtpInputException.readFailed(e);
            session.resetMailTransaction();
            throw drop(session, s.code(), s.text());
        } finally {
            guard.dataEnds();
        }
        session.resetMailTransaction();
        session.sendResponse("502 5.5.1 Error: BDAT is not offered here (no CHUNKING); send the message with DATA");
    }

    private static DropConnectionException drop(Session session, int code, String text) {
        LOG.info("{}: BDAT from {}: {} {}", session.getSessionId(),
                session.getRealRemoteAddress().getAddress().getHostAddress(), code, text);
        return new DropConnectionException(code, text);
    }

    /** @return the chunk size, or -1 when it is not a plain decimal number of at most 18 digits */
    private static long size(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(s);
    }

    private static void skip(InputStream in, long size) throws IOException {
        byte[] scratch = new byte[8192];
        long left = size;
        while (left > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) {
                throw new java.io.EOFException("the connection closed inside a BDAT chunk");
            }
            left -= n;
        }
    }
}
