package dev.mailwright.smtp.internal;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.FailureClassifier;
import dev.mailwright.core.smtp.SmtpFailure;
import dev.mailwright.core.smtp.SmtpReply;
import dev.mailwright.core.smtp.TranscriptEvent;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * The send path's side of the one failure vocabulary: turns what Angus Mail threw (or a refusing
 * reply the transaction read) into an {@link SmtpFailure} for core's {@link FailureClassifier}, so
 * that a failed send gets the verdict the transcript analyzer gives for the same conversation.
 */
public final class SendFailures {
    private static final Pattern GREETING = Pattern.compile("(?is)bad greeting from (?:smtp )?host.*?response: (.*)$");
    /** The message of the exception the pool throws when the settings want AUTH and the server offers none. */
    static final String AUTH_NOT_OFFERED = "does not offer AUTH";

    private SendFailures() {
    }

    /**
     * A classified failure and the server's reply that showed it.
     *
     * @param failure the class
     * @param reply the refusing reply, or null when the failure was not a reply
     */
    public record Verdict(FailureClass failure, SmtpReply reply) {
    }

    /** @return what the settings mean to do: TLS required, authentication wanted */
    public static SmtpFailure.Conversation expectations(EmailSettings settings) {
        return SmtpFailure.Conversation.UNKNOWN.withExpectations(settings.security().alwaysEncrypted(),
                settings.auth() != AuthMethod.NONE);
    }

    /**
     * @param command the verb the reply answered ({@code MAIL}, {@code RCPT}, {@code DATA}, {@code .})
     * @param reply the refusing reply
     * @param conversation what the conversation showed
     * @return its class
     */
    public static FailureClass classify(String command, SmtpReply reply, SmtpFailure.Conversation conversation) {
        return FailureClassifier.classify(SmtpFailure.ofReply(command, reply, conversation)).orElse(FailureClass.UNKNOWN);
    }

    /**
     * @param failure what Angus Mail (or the socket) threw
     * @param conversation what the conversation showed
     * @return the class, and the refusing reply when the exception carries one
     */
    public static Verdict classify(Throwable failure, SmtpFailure.Conversation conversation) {
        for (Throwable t : chain(failure)) {
            if (t instanceof AuthenticationFailedException && String.valueOf(t.getMessage()).contains(AUTH_NOT_OFFERED)) {
                return new Verdict(FailureClass.AUTH_NOT_OFFERED, null);
            }
            Verdict v = replyOf(t, conversation);
            if (v != null) {
                return v;
            }
        }
        List<TranscriptEvent.Error> errors = new ArrayList<>();
        for (Throwable t : chain(failure)) {
            errors.add(new TranscriptEvent.Error(Instant.EPOCH, "send", t.getClass().getName(), t.getMessage()));
        }
        FailureClass c = FailureClassifier.classify(new SmtpFailure("", null, errors, conversation)).orElse(FailureClass.UNKNOWN);
        return new Verdict(c, null);
    }

    private static Verdict replyOf(Throwable t, SmtpFailure.Conversation conversation) {
        String command;
        SmtpReply reply;
        if (t instanceof SMTPAddressFailedException a) {
            command = "RCPT";
            reply = SmtpSender.reply(a.getReturnCode(), a.getMessage());
        } else if (t instanceof SMTPSenderFailedException s) {
            command = "MAIL";
            reply = SmtpSender.reply(s.getReturnCode(), s.getMessage());
        } else if (t instanceof SMTPSendFailedException s && s.getReturnCode() >= 400) {
            String cmd = s.getCommand() == null ? "" : s.getCommand().strip();
            command = cmd.isEmpty() ? "DATA" : cmd.split("\\s+")[0].toUpperCase(Locale.ROOT);
            reply = SmtpSender.reply(s.getReturnCode(), s.getMessage());
        } else if (t instanceof AuthenticationFailedException) {
            command = "AUTH";
            reply = SmtpReply.parse(t.getMessage()).orElse(null);
        } else if (t instanceof MessagingException && t.getMessage() != null && GREETING.matcher(t.getMessage()).find()) {
            Matcher m = GREETING.matcher(t.getMessage());
            String response = m.find() ? m.group(1).strip() : "";
            if (response.equals("[EOF]")) {
                // the server closed the connection instead of greeting: what the transcript shows as an early close
                TranscriptEvent.Error eof = new TranscriptEvent.Error(Instant.EPOCH, "send", "java.io.EOFException", response);
                return new Verdict(FailureClassifier.classify(new SmtpFailure("", null, List.of(eof), conversation))
                        .orElse(FailureClass.UNKNOWN), null);
            }
            command = "BANNER";
            reply = SmtpReply.parse(response).orElse(null);
        } else {
            return null;
        }
        if (reply == null || reply.isPositive()) {
            return null;
        }
        return new Verdict(classify(command, reply, conversation), reply);
    }

    /** @return the exception and its causes, following Angus's chained exceptions too (at most 20) */
    static List<Throwable> chain(Throwable failure) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = failure; t != null && out.size() < 20 && !out.contains(t); t = next(t)) {
            out.add(t);
        }
        return out;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
