package dev.mailwright.core.smtp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What is known about one failed SMTP exchange, whether it comes from a live send or from a
 * recorded transcript: the command the refusing reply answered, that reply, the chain of errors,
 * and what the conversation had shown. The input of {@link FailureClassifier}.
 *
 * @param command the verb the reply answered: {@code BANNER} for the greeting, {@code EHLO},
 *     {@code STARTTLS}, {@code AUTH}, {@code MAIL}, {@code RCPT}, {@code DATA}, {@code .} for the
 *     end of the data; empty when there is no reply
 * @param reply the refusing reply (4xx or 5xx), or null when the failure was not a reply
 * @param errors the errors as a transcript records them: socket errors (stages {@code connect},
 *     {@code tls}, {@code read}, {@code write}) and the chain of the send's exception, outermost
 *     first (stage {@code send}); empty when there were none
 * @param conversation what the conversation had shown before the failure
 */
public record SmtpFailure(String command, SmtpReply reply, List<TranscriptEvent.Error> errors, Conversation conversation) {

    /** Validates and copies. */
    public SmtpFailure {
        command = command == null ? "" : command;
        errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
        Objects.requireNonNull(conversation, "conversation");
    }

    /**
     * @param command the verb the reply answered
     * @param reply the refusing reply
     * @param conversation what the conversation had shown
     * @return a failure that is a refusing reply
     */
    public static SmtpFailure ofReply(String command, SmtpReply reply, Conversation conversation) {
        return new SmtpFailure(Objects.requireNonNull(command, "command"), Objects.requireNonNull(reply, "reply"), List.of(),
                conversation);
    }

    /**
     * @param failure an exception thrown by a send, a connection or a handshake
     * @param conversation what the conversation had shown
     * @return a failure that is that exception's chain (stage {@code send}, outermost first)
     */
    public static SmtpFailure ofException(Throwable failure, Conversation conversation) {
        return new SmtpFailure("", null, chain(failure, Instant.EPOCH), conversation);
    }

    /**
     * @param failure an exception
     * @param time the time to give the events
     * @return its chain of causes as errors of stage {@code send}, outermost first (at most 20)
     */
    public static List<TranscriptEvent.Error> chain(Throwable failure, Instant time) {
        List<TranscriptEvent.Error> out = new ArrayList<>();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            out.add(new TranscriptEvent.Error(time, "send", t.getClass().getName(), t.getMessage()));
        }
        return out;
    }

    /**
     * What the conversation had shown, and what the client meant to do.
     *
     * @param tlsRequired the client required TLS (STARTTLS required, or implicit TLS)
     * @param authWanted the client meant to authenticate
     * @param serverSpoke the server had sent at least one line
     * @param tlsStarted TLS had been established
     * @param startTlsSent the client had sent STARTTLS
     * @param authSent the client had sent AUTH
     * @param ehloReply the server's last positive EHLO reply, upper case, or empty when none was seen
     * @param probeAnsweredTls a silent port answered a TLS handshake (the test email's probe)
     * @param closedEarly the server closed the connection before the message was accepted and
     *     before QUIT was answered
     */
    public record Conversation(boolean tlsRequired, boolean authWanted, boolean serverSpoke, boolean tlsStarted,
            boolean startTlsSent, boolean authSent, String ehloReply, boolean probeAnsweredTls, boolean closedEarly) {
        /** Nothing known. */
        public static final Conversation UNKNOWN = new Conversation(false, false, false, false, false, false, "", false, false);

        /** Validates. */
        public Conversation {
            ehloReply = ehloReply == null ? "" : ehloReply;
        }

        /**
         * @param tlsRequired the client required TLS
         * @param authWanted the client meant to authenticate
         * @return a copy with what the client meant to do
         */
        public Conversation withExpectations(boolean tlsRequired, boolean authWanted) {
            return new Conversation(tlsRequired, authWanted, serverSpoke, tlsStarted, startTlsSent, authSent, ehloReply,
                    probeAnsweredTls, closedEarly);
        }

        /**
         * @param ehloReply the server's positive EHLO reply (any case), or empty
         * @param authSent whether the client sent AUTH
         * @return a copy with what the server said to EHLO (the server spoke)
         */
        public Conversation withEhlo(String ehloReply, boolean authSent) {
            return new Conversation(tlsRequired, authWanted, true, tlsStarted, startTlsSent, authSent,
                    ehloReply == null ? "" : ehloReply.toUpperCase(java.util.Locale.ROOT), probeAnsweredTls, closedEarly);
        }
    }
}
