package dev.mailwright.inbound.internal;

import java.io.IOException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * SubEthaSMTP's {@code DATA} command with a block-reading body stream ({@link DataStream}); the
 * replies are those of SubEthaSMTP 7.2.0's own command. Registered by the listener in place of it.
 */
public final class BulkDataCommand extends BaseCommand {
    /** Creates the command. */
    public BulkDataCommand() {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (session.getRecipientCount() == 0) {
            session.sendResponse("503 5.5.1 Error: need RCPT command");
            return;
        }
        session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
        DataStream data = new DataStream(session.getRawInput());
        String response;
        try {
            String text = session.getMessageHandler().data(data);
            data.drain();
            response = text == null ? "250 2.0.0 Ok" : "250 " + text;
        } catch (RejectException e) {
            data.drain();
            response = e.getErrorResponse();
        }
        session.sendResponse(response);
        session.resetMailTransaction();
    }
}
