package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.util.EmailUtils;
import org.subethamail.smtp.server.Session;

/**
 * {@code MAIL FROM:<address> [SIZE=n] [...]} with its parameters checked: a {@code SIZE} that is
 * not a plain number is answered {@code 501 5.5.4}, one over the limit (however many digits it
 * has) {@code 552 5.3.4}; SubEthaSMTP 7.2.0's command parsed it as an {@code int}, so that a
 * large value escaped as an exception (a {@code 421} and two stack traces per connection) and a
 * negative one was ignored. Other parameters are ignored as before. Every outcome is one log line.
 * Registered by the listener in place of SubEthaSMTP's command.
 */
public final class MailFromCommand extends BaseCommand {
    private static final Logger LOG = LoggerFactory.getLogger(MailFromCommand.class);

    /** Creates the command. */
    public MailFromCommand() {
        super("MAIL", "Specifies the sender.", "FROM: <sender> [ <parameters> ]");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (session.isMailTransactionInProgress()) {
            session.sendResponse("503 5.5.1 Error: nested MAIL command");
            return;
        }
        String args = getArgPredicate(commandString);
        if (!args.toUpperCase(Locale.ROOT).startsWith("FROM:")) {
            reply(session, "", -1, "501 5.5.4 Syntax: MAIL FROM:<address>");
            return;
        }
        String address = EmailUtils.extractEmailAddress(args, 5);
        if (!EmailUtils.isValidEmailAddress(address, true)) {
            reply(session, address, -1, "501 5.1.7 Bad sender address syntax");
            return;
        }
        long size = declaredSize(parameters(args.substring(5)));
        long limit = session.getServer().getMaxMessageSize();
        if (size == -2) {
            reply(session, address, -1, "501 5.5.4 Syntax error in the SIZE parameter: it must be a number of bytes");
            return;
        }
        if (size > limit) {
            reply(session, address, size, "552 5.3.4 Message size exceeds fixed limit of " + limit + " bytes");
            return;
        }
        session.setDeclaredMessageSize((int) Math.max(0, size));
        session.startMailTransaction();
        try {
            session.getMessageHandler().from(address);
        } catch (DropConnectionException e) {
            session.resetMailTransaction();
            throw e;
        } catch (RejectException e) {
            session.resetMailTransaction();
            reply(session, address, size, e.getErrorResponse());
            return;
        }
        reply(session, address, size, "250 2.1.0 Ok");
    }

    private static void reply(Session session, String from, long size, String response) throws IOException {
        if (LOG.isInfoEnabled()) {
            LOG.info("{}: MAIL from=<{}>{} helo={} tls={}: {}", session.getSessionId(), LogText.clean(from),
                    size >= 0 ? " size=" + size : "", LogText.clean(session.getHelo().orElse("")),
                    session.isTLSStarted() ? "yes" : "no", response);
        }
        session.sendResponse(response);
    }

    /** @return the text after the address: {@code SIZE=1000 BODY=8BITMIME} */
    private static String parameters(String afterFrom) {
        String s = afterFrom.stripLeading();
        int end = s.startsWith("<") ? s.indexOf('>') : s.indexOf(' ');
        return end < 0 ? "" : s.substring(end + 1);
    }

    /** @return the declared size, -1 when absent, -2 when malformed; a value too large for a long counts as Long.MAX_VALUE */
    static long declaredSize(String parameters) {
        for (String p : parameters.trim().split("\\s+")) {
            if (p.regionMatches(true, 0, "SIZE=", 0, 5)) {
                String v = p.substring(5);
                if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return -2;
                }
                String digits = v.replaceFirst("^0+(?=.)", "");
                return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
            }
        }
        return -1;
    }
}
