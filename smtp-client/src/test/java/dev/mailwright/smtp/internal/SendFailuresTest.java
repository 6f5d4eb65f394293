package dev.mailwright.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.smtp.FailureCategory;
import dev.mailwright.core.smtp.FailureClassifier;
import dev.mailwright.core.smtp.SmtpFailure;
import dev.mailwright.core.smtp.SmtpReply;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The send path's classification (what Angus throws, or a refusing reply) in the one failure vocabulary. */
class SendFailuresTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AUTH|535 5.7.8 Error: authentication failed|AUTHENTICATION",
        "AUTH|535-5.7.1 Username and Password not accepted.|AUTHENTICATION",
        "MAIL|530 5.7.0 Must issue a STARTTLS command first|TLS_REQUIRED",
        "MAIL|530 5.7.0 Authentication required|AUTHENTICATION",
        "RCPT|451 4.3.0 Temporary lookup failure|TRANSIENT",
        "MAIL|421 4.7.0 Try again later, closing connection|TRANSIENT",
        "RCPT|554 5.7.1 <x@example.org>: Relay access denied|RELAY_DENIED",
        "RCPT|550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown|RECIPIENT_REJECTED",
        ".|552 5.3.4 Message size exceeds fixed limit|MESSAGE_REJECTED",
        ".|554 5.6.0 Message rejected as spam|MESSAGE_REJECTED"})
    void classify_reply(String command, String line, FailureCategory expected) {
        SmtpReply reply = SmtpReply.parse(line).orElseThrow();
        assertThat(FailureClassifier.classify(command, reply).category()).isEqualTo(expected);
    }

    private static FailureCategory classify(Throwable e) {
        return SendFailures.classify(e, SmtpFailure.Conversation.UNKNOWN).failure().category();
    }

    @Test
    void classify_exceptions() throws Exception {
        assertThat(SendFailures.classify(new AuthenticationFailedException("535 5.7.8 Error"), SmtpFailure.Conversation.UNKNOWN)
                .reply()).hasToString("535 5.7.8 Error");
        assertThat(classify(new AuthenticationFailedException("535 5.7.8 Error"))).isEqualTo(FailureCategory.AUTHENTICATION);
        assertThat(classify(new MessagingException("Could not connect", new ConnectException("Connection refused"))))
                .isEqualTo(FailureCategory.CONNECTION_REFUSED);
        assertThat(classify(new MessagingException("x", new SocketTimeoutException("Read timed out"))))
                .isEqualTo(FailureCategory.TIMEOUT);
        assertThat(classify(new MessagingException("x", new UnknownHostException("nope.invalid"))))
                .isEqualTo(FailureCategory.UNKNOWN_HOST);
        assertThat(classify(new MessagingException("STARTTLS is required but host does not support STARTTLS")))
                .isEqualTo(FailureCategory.TLS_REQUIRED);
        SSLHandshakeException cert = new SSLHandshakeException("PKIX path building failed");
        assertThat(classify(new MessagingException("x", cert))).isEqualTo(FailureCategory.CERTIFICATE);
        SSLHandshakeException wrapped = new SSLHandshakeException("handshake");
        wrapped.initCause(new CertificateException("No subject alternative names matching IP address 127.0.0.1 found"));
        assertThat(classify(wrapped)).isEqualTo(FailureCategory.CERTIFICATE);
        assertThat(classify(new SSLHandshakeException("Received fatal alert: protocol_version")))
                .isEqualTo(FailureCategory.TLS_HANDSHAKE);
        assertThat(classify(new MessagingException("[EOF]"))).isEqualTo(FailureCategory.CONNECTION_LOST);
        assertThat(classify(new SMTPAddressFailedException(new InternetAddress("a@example.com"), "RCPT TO", 550,
                "550 5.7.1 Relaying denied"))).isEqualTo(FailureCategory.RELAY_DENIED);
        assertThat(classify(new IllegalStateException("?"))).isEqualTo(FailureCategory.UNKNOWN);
    }

    @Test
    void transientFlag_matchesTheIssue() {
        assertThat(FailureCategory.TRANSIENT.isTransient()).isTrue();
        assertThat(FailureCategory.CONNECTION_LOST.isTransient()).isTrue();
        assertThat(FailureCategory.AUTHENTICATION.isTransient()).isFalse();
        assertThat(FailureCategory.RECIPIENT_REJECTED.isTransient()).isFalse();
        assertThat(FailureCategory.TLS_REQUIRED.remedy()).contains("STARTTLS");
    }

    @Test
    void smtpReply_parsesCodesAndMultiLine() {
        SmtpReply r = SmtpReply.parse("535-5.7.1 Username and Password not accepted. Learn more at\r\n535 5.7.1 http://x").orElseThrow();
        assertThat(r.code()).isEqualTo(535);
        assertThat(r.enhancedStatus()).isEqualTo("5.7.1");
        assertThat(r.text()).isEqualTo("Username and Password not accepted. Learn more at http://x");
        assertThat(SmtpReply.parse("250 Ok").orElseThrow().enhanced()).isEmpty();
        assertThat(SmtpReply.parse("hello")).isEmpty();
        assertThat(r).hasToString("535 5.7.1 Username and Password not accepted. Learn more at http://x");
    }
}
