package dev.mailwright.core.smtp;

import java.util.Objects;
import java.util.Optional;

/**
 * The one classifier of SMTP failures: from the command, the refusing reply and the chain of
 * errors of a failed exchange (an {@link SmtpFailure}) to one {@link FailureClass}, with its
 * category, whether it is transient and its remedy. A notification send, the test email, the
 * transcript analyzer and the port probe all call it, so one failure gets one verdict whichever
 * path saw it. Stateless.
 *
 * <p>In order: a refusing reply decides (by command, code, enhanced code and text); then a
 * conversation that required TLS but whose server did not offer STARTTLS; then the errors (socket
 * errors, then the send's exception from its deepest cause); then a server that closed early; any
 * other error is {@link FailureClass#UNKNOWN}. A refused relay or a 530 when authentication was
 * wanted but the server's EHLO offered none becomes {@link FailureClass#AUTH_NOT_OFFERED}.
 */
public final class FailureClassifier {
    private FailureClassifier() {
    }

    /**
     * @param failure what is known about the failed exchange
     * @return its class, or empty when it shows no failure at all (no refusing reply, no error,
     *     no early close)
     */
    public static Optional<FailureClass> classify(SmtpFailure failure) {
        Objects.requireNonNull(failure, "failure");
        SmtpFailure.Conversation c = failure.conversation();
        FailureClass found;
        if (failure.reply() != null && !failure.reply().isPositive()) {
            found = ReplyClassifier.classify(failure.command(), failure.reply());
        } else if (c.tlsRequired() && !c.tlsStarted() && c.serverSpoke() && !c.ehloReply().contains("STARTTLS")) {
            found = FailureClass.STARTTLS_NOT_OFFERED;
        } else {
            found = ErrorClassifier.classify(failure.errors(), c).orElse(null);
            if (found == null && c.closedEarly()) {
                found = FailureClass.SERVER_CLOSED_EARLY;
            } else if (found == null && !failure.errors().isEmpty()) {
                found = FailureClass.UNKNOWN;
            }
        }
        if (c.authWanted() && !c.authSent() && (found == FailureClass.AUTH_REQUIRED || found == FailureClass.RELAY_DENIED)
                && !c.ehloReply().isEmpty() && !c.ehloReply().contains("AUTH")) {
            found = FailureClass.AUTH_NOT_OFFERED;
        }
        return Optional.ofNullable(found);
    }

    /**
     * @param command the verb the reply answered ({@code MAIL}, {@code RCPT}, {@code DATA}, {@code .}...)
     * @param reply a refusing reply
     * @return its class, knowing nothing else of the conversation
     */
    public static FailureClass classify(String command, SmtpReply reply) {
        return classify(SmtpFailure.ofReply(command, reply, SmtpFailure.Conversation.UNKNOWN)).orElse(FailureClass.UNKNOWN);
    }
}
