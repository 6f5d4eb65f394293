package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailureCategoryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "535 5.7.8 Error: authentication failed|AUTHENTICATION",
        "535-5.7.1 Username and Password not accepted.|AUTHENTICATION",
        "530 5.7.0 Must issue a STARTTLS command first|TLS_REQUIRED",
        "530 5.7.0 Authentication required|AUTHENTICATION",
        "451 4.3.0 Temporary lookup failure|TRANSIENT",
        "421 4.7.0 Try again later, closing connection|TRANSIENT",
        "554 5.7.1 <x@example.org>: Relay access denied|RELAY_DENIED",
        "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown|RECIPIENT_REJECTED",
        "552 5.3.4 Message size exceeds fixed limit|MESSAGE_REJECTED",
        "554 5.6.0 Message rejected as spam|MESSAGE_REJECTED"})
    void classify_reply(String line, FailureCategory expected) {
        SmtpReply reply = SmtpReply.parse(line).orElseThrow();
        assertThat(FailureCategory.classify(reply)).isEqualTo(expected);
    }

    @Test
    void classify_exceptions() throws Exception {
        assertThat(FailureCategory.classify(new AuthenticationFailedException("535 5.7.8 Error"))).isEqualTo(FailureCategory.AUTHENTICATION);
        assertThat(FailureCategory.classify(new MessagingException("Could not connect", new ConnectException("Connection refused"))))
                .isEqualTo(FailureCategory.CONNECTION_REFUSED);
        assertThat(FailureCategory.classify(new MessagingException("x", new SocketTimeoutException("Read timed out"))))
                .isEqualTo(FailureCategory.TIMEOUT);
        assertThat(FailureCategory.classify(new MessagingException("x", new UnknownHostException("nope.invalid"))))
                .isEqualTo(FailureCategory.UNKNOWN_HOST);
        assertThat(FailureCategory.classify(new MessagingException("STARTTLS is required but host does not support STARTTLS")))
                .isEqualTo(FailureCategory.TLS_REQUIRED);
        SSLHandshakeException cert = new SSLHandshakeException("PKIX path building failed");
        assertThat(FailureCategory.classify(new MessagingException("x", cert))).isEqualTo(FailureCategory.CERTIFICATE);
        SSLHandshakeException wrapped = new SSLHandshakeException("handshake");
        wrapped.initCause(new CertificateException("No subject alternative names matching IP address 127.0.0.1 found"));
        assertThat(FailureCategory.classify(wrapped)).isEqualTo(FailureCategory.CERTIFICATE);
        assertThat(FailureCategory.classify(new SSLHandshakeException("Received fatal alert: protocol_version")))
                .isEqualTo(FailureCategory.TLS_HANDSHAKE);
        assertThat(FailureCategory.classify(new MessagingException("[EOF]"))).isEqualTo(FailureCategory.CONNECTION_LOST);
        assertThat(FailureCategory.classify(new SMTPAddressFailedException(new InternetAddress("a@example.com"), "RCPT TO", 550,
                "550 5.7.1 Relaying denied"))).isEqualTo(FailureCategory.RELAY_DENIED);
        assertThat(FailureCategory.classify(new IllegalStateException("?"))).isEqualTo(FailureCategory.UNKNOWN);
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
