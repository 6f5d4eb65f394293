package dev.mailwright.core.smtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Classifies the errors of a failed exchange: socket errors recorded by a capture, and the chain of
 * the send's exception (stage {@code send}). Socket errors come first; then the send's chain from
 * its deepest cause, which names the failure most precisely.
 */
final class ErrorClassifier {
    private static final Pattern PLAIN_ANSWER = Pattern.compile("unrecognized ssl message|plaintext connection");
    private static final Pattern HOST_MISMATCH = Pattern.compile(
            "no subject alternative|no name matching|doesn't match|does not match|can't verify identity of server");
    private static final Pattern UNTRUSTED = Pattern.compile(
            "pkix path|certification path|certificate_unknown|self.signed|certificateexpired|validity check failed"
                    + "|unknown_ca|bad_certificate|certificate_expired");
    private static final Pattern PROTOCOL = Pattern.compile(
            "protocol_version|no appropriate protocol|handshake_failure|no cipher suites in common|not enabled or supported"
                    + "|insufficient_security");

    private ErrorClassifier() {
    }

    static Optional<FailureClass> classify(List<TranscriptEvent.Error> errors, SmtpFailure.Conversation context) {
        List<TranscriptEvent.Error> ordered = new ArrayList<>();
        errors.stream().filter(e -> !e.stage().equals("send")).forEach(ordered::add);
        List<TranscriptEvent.Error> send = new ArrayList<>(errors.stream().filter(e -> e.stage().equals("send")).toList());
        Collections.reverse(send);
        ordered.addAll(send);
        for (TranscriptEvent.Error e : ordered) {
            FailureClass c = classify(e, context);
            if (c != null) {
                return Optional.of(c);
            }
        }
        boolean tls = ordered.stream().anyMatch(e -> e.type().contains("SSL"));
        return tls ? Optional.of(FailureClass.TLS_PROTOCOL_MISMATCH) : Optional.empty();
    }

    private static FailureClass classify(TranscriptEvent.Error e, SmtpFailure.Conversation context) {
        String type = e.type();
        String msg = e.message().toLowerCase(Locale.ROOT);
        FailureClass network = network(e, type, msg, context);
        if (network != null) {
            return network;
        }
        if (PLAIN_ANSWER.matcher(msg).find()) {
            return context.startTlsSent() ? FailureClass.STARTTLS_FAILED : FailureClass.IMPLICIT_TLS_TO_PLAIN_PORT;
        }
        if (HOST_MISMATCH.matcher(msg).find()) {
            return FailureClass.CERTIFICATE_HOST_MISMATCH;
        }
        if (UNTRUSTED.matcher(msg).find() || type.startsWith("java.security.cert.") || type.contains("CertPath")) {
            return FailureClass.UNTRUSTED_CERTIFICATE;
        }
        if (PROTOCOL.matcher(msg).find()) {
            return FailureClass.TLS_PROTOCOL_MISMATCH;
        }
        if (msg.contains("starttls is required but host does not support starttls")) {
            return FailureClass.STARTTLS_NOT_OFFERED;
        }
        if (context.startTlsSent() && (e.stage().equals("tls") || msg.contains("could not convert socket to tls"))) {
            return FailureClass.STARTTLS_FAILED;
        }
        if (type.endsWith("AuthenticationFailedException")) {
            return FailureClass.AUTH_REJECTED;
        }
        if (msg.equals("[eof]") || msg.contains("connection reset") || msg.contains("broken pipe")
                || type.endsWith("EOFException") || type.equals("java.net.SocketException")) {
            return FailureClass.SERVER_CLOSED_EARLY;
        }
        return null;
    }

    private static FailureClass network(TranscriptEvent.Error e, String type, String msg, SmtpFailure.Conversation context) {
        if (type.endsWith("UnknownHostException")) {
            return FailureClass.UNKNOWN_HOST;
        }
        if (type.endsWith("ConnectException") && msg.contains("refused") || type.endsWith("NoRouteToHostException")) {
            return FailureClass.CONNECTION_REFUSED;
        }
        if (type.endsWith("SocketTimeoutException") || msg.contains("timed out")) {
            if (e.stage().equals("connect") || msg.contains("connect timed out") || type.endsWith("ConnectException")) {
                return FailureClass.CONNECT_TIMEOUT;
            }
            if (!context.serverSpoke()) {
                return context.probeAnsweredTls() ? FailureClass.PLAIN_TO_IMPLICIT_TLS_PORT : FailureClass.BANNER_TIMEOUT;
            }
            return FailureClass.SERVER_TIMEOUT;
        }
        return null;
    }
}
