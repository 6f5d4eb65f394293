package dev.mailwright.core.smtp;

import java.util.Locale;
import java.util.regex.Pattern;

/** Classifies a refusing SMTP reply (4xx or 5xx) by the command it answers, its codes and its text. */
final class ReplyClassifier {
    private static final Pattern GREYLIST = Pattern.compile("grey|gray");
    private static final Pattern RATE = Pattern.compile("rate|too many|limit|slow down|throttl|try again in \\d");
    private static final Pattern APP_PASSWORD = Pattern.compile(
            "application-specific|app password|basic authentication is disabled|smtpclientauthentication is disabled"
                    + "|web login required|please log in (via|with) your web browser");
    private static final Pattern TLS = Pattern.compile("starttls|\\btls\\b|encryption");
    private static final Pattern SIZE = Pattern.compile("size|too (large|big)|exceed");
    private static final Pattern RELAY = Pattern.compile("relay");

    private ReplyClassifier() {
    }

    static FailureClass classify(String command, SmtpReply reply) {
        int code = reply.code();
        String text = reply.text().toLowerCase(Locale.ROOT);
        String enhanced = reply.enhanced().orElse("");
        if (code / 100 == 4) {
            return temporary(code, text, command);
        }
        if (command.equals("BANNER")) {
            return FailureClass.CONNECTION_REJECTED;
        }
        if (command.equals("STARTTLS")) {
            return FailureClass.STARTTLS_FAILED;
        }
        if (code == 534 || enhanced.equals("5.7.9") || enhanced.equals("5.7.139") || enhanced.equals("5.7.14")
                || APP_PASSWORD.matcher(text).find()) {
            return FailureClass.APP_PASSWORD_REQUIRED;
        }
        if (code == 538 || code == 530 && TLS.matcher(text).find()) {
            return FailureClass.STARTTLS_REQUIRED_BY_SERVER;
        }
        if (code == 530) {
            return FailureClass.AUTH_REQUIRED;
        }
        if (command.equals("AUTH")) {
            return code == 504 || text.contains("mechanism") || text.contains("unrecognized authentication")
                    ? FailureClass.AUTH_MECHANISM_REJECTED : FailureClass.AUTH_REJECTED;
        }
        if (code == 552 || enhanced.equals("5.3.4") || enhanced.equals("5.2.3") || SIZE.matcher(text).find()) {
            return FailureClass.MESSAGE_TOO_LARGE;
        }
        return switch (command) {
            case "MAIL" -> FailureClass.SENDER_REFUSED;
            case "RCPT" -> RELAY.matcher(text).find() || code == 554 && enhanced.equals("5.7.1")
                    ? FailureClass.RELAY_DENIED : FailureClass.RECIPIENT_REFUSED;
            case "DATA", "." -> FailureClass.MESSAGE_REJECTED;
            default -> FailureClass.UNKNOWN;
        };
    }

    private static FailureClass temporary(int code, String text, String command) {
        if (GREYLIST.matcher(text).find()) {
            return FailureClass.GREYLISTED;
        }
        if (RATE.matcher(text).find()) {
            return FailureClass.RATE_LIMITED;
        }
        if (command.equals("STARTTLS")) {
            return FailureClass.STARTTLS_FAILED;
        }
        return code == 421 ? FailureClass.SERVICE_UNAVAILABLE : FailureClass.TEMPORARY_FAILURE;
    }
}
