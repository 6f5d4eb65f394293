package dev.mailwright.inbound.internal;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * SubEthaSMTP's {@code DATA} command with a block-reading body stream ({@link DataStream}) under
 * the session's data-rate deadline. A message the store refuses is read to its end (the rest of
 * it is never taken for commands); a bare line ending, a deadline or a lost connection ends the
 * session with its reply. Registered by the listener in place of SubEthaSMTP 7.2.0's command.
 */
public final class BulkDataCommand extends BaseCommand {
    private static final Logger LOG = LoggerFactory.getLogger(BulkDataCommand.class);

    private final ListenerSessions sessions;

    /** @param sessions the listener's sessions (for the data-rate deadline) */
    public BulkDataCommand(ListenerSessions sessions) {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
        this.sessions = sessions;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (session.getRecipientCount() == 0) {
            session.sendResponse("503 5.5.1 Error: need RCPT command");
            return;
        }
        session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
        SessionGuard guard = sessions.guard(session);
        DataStream data = new DataStream(session.getRawInput());
        guard.dataBegins();
        String response;
        try {
            response = receive(session, data);
        } catch (SmtpInputException e) {
            LOG.info("{}: DATA from {} ended after {} bytes: {} {}", session.getSessionId(),
                    session.getRealRemoteAddress().getAddress().getHostAddress(), data.received(), e.code(), e.text());
            session.resetMailTransaction();
            throw new DropConnectionException(e.code(), e.text());
        } finally {
            guard.dataEnds();
        }
        session.sendResponse(response);
        session.resetMailTransaction();
    }

    /** @return the reply once the whole message was read (stored or refused) */
    private static String receive(Session session, DataStream data) throws IOException {
        try {
            String text = session.getMessageHandler().data(data);
            drain(data);
            return text == null ? "250 2.0.0 Ok" : "250 " + text;
        } catch (RejectException e) {
            drain(data);
            return e.getErrorResponse();
        }
    }

    private static void drain(DataStream data) throws SmtpInputException {
        try {
            data.drain();
        } catch (IOException e) {
            throw SmtpInputException.readFailed(e);
        }
    }
}
