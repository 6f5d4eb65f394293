package dev.mailwright.inbound.internal;

import java.io.IOException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * SubEthaSMTP 7.2.0's {@code EHLO} with {@code PIPELINING} (RFC 2920) among the extensions; the
 * rest of the reply is that of SubEthaSMTP's own command (the listener offers no AUTH). Pipelining
 * is safe here: the session reads commands line by line from one buffered reader and answers them
 * in order, the {@code DATA} reader ({@link DataStream}) never reads past the terminating dot, and
 * a client may only send the text after the {@code 354}. {@code CHUNKING} is not offered
 * ({@link NoChunkingCommand} reads and refuses a {@code BDAT} chunk). Registered by the listener in
 * place of SubEthaSMTP's command.
 */
public final class PipeliningEhloCommand extends BaseCommand {
    /** Creates the command. */
    public PipeliningEhloCommand() {
        super("EHLO", "Introduce yourself.", "<hostname>");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        String[] args = getArgs(commandString);
        if (args.length < 2) {
            session.sendResponse("501 Syntax: EHLO hostname");
            return;
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        SMTPServer server = session.getServer();
        StringBuilder reply = new StringBuilder("250-").append(server.getHostName()).append("\r\n250-8BITMIME");
        if (server.getMaxMessageSize() > 0) {
            reply.append("\r\n250-SIZE ").append(server.getMaxMessageSize());
        }
        reply.append("\r\n250-PIPELINING");
        if (server.getEnableTLS() && !server.getHideTLS() && !session.isTLSStarted()) {
            reply.append("\r\n250-STARTTLS");
        }
        reply.append("\r\n250-SMTPUTF8\r\n250 Ok");
        session.sendResponse(reply.toString());
    }
}
