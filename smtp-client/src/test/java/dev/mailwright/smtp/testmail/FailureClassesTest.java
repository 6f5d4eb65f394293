package dev.mailwright.smtp.testmail;

import static dev.mailwright.core.ConnectionSecurity.NONE;
import static dev.mailwright.core.ConnectionSecurity.STARTTLS;
import static dev.mailwright.core.ConnectionSecurity.STARTTLS_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.smtp.testsupport.SmtpSink;
import dev.mailwright.smtp.testsupport.TestSettings;
import java.time.Duration;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Each failure class from a real exchange with Postfix's smtp-sink, told with -B/-b and
 * -f/-r/-q/-Q/-W how to refuse. The analyzer's verdict and its remedy are checked for each.
 */
class FailureClassesTest {
    private static final String TO = "admin@example.com";
    private final EmailSettingsTester tester = EmailSettingsTester.builder().build();

    private TestEmailResult run(IntFunction<EmailSettings> settings, String... sinkOptions) {
        try (SmtpSink sink = SmtpSink.start(sinkOptions)) {
            return tester.send(settings.apply(sink.port()), TO);
        }
    }

    private static EmailSettings plain(int port) {
        return TestSettings.plain("127.0.0.1", port, NONE).build();
    }

    private static EmailSettings login(int port) {
        return TestSettings.login("127.0.0.1", port, STARTTLS, TestSettings.PASSWORD).build();
    }

    private static void assertFailure(TestEmailResult r, FailureClass expected, String evidence) {
        assertThat(r.delivered()).isFalse();
        assertThat(r.failure()).as(String.valueOf(r)).contains(expected);
        Finding last = r.findings().get(r.findings().size() - 1);
        assertThat(last.severity()).isEqualTo(Severity.FAILURE);
        assertThat(last.code()).isEqualTo(expected.code());
        assertThat(last.remedy()).isEqualTo(expected.remedy()).isNotBlank();
        assertThat(String.join("\n", last.evidence())).contains(evidence);
    }

    @Test
    void wrongCredentials_535() {
        assertFailure(run(FailureClassesTest::login, "-B", "535 5.7.8 Error: authentication failed", "-f", "AUTH"),
                FailureClass.AUTH_REJECTED, "535 5.7.8 Error: authentication failed");
    }

    @Test
    void appPasswordRequired_534_5_7_9() {
        assertFailure(run(FailureClassesTest::login, "-B", "534 5.7.9 Application-specific password required", "-f", "AUTH"),
                FailureClass.APP_PASSWORD_REQUIRED, "534 5.7.9");
    }

    @Test
    void modernAuthRequired_535_5_7_139() {
        assertFailure(run(FailureClassesTest::login, "-B",
                "535 5.7.139 Authentication unsuccessful, basic authentication is disabled", "-f", "AUTH"),
                FailureClass.APP_PASSWORD_REQUIRED, "535 5.7.139");
    }

    @Test
    void mechanismRejected_504() {
        assertFailure(run(FailureClassesTest::login, "-B", "504 5.5.4 Unrecognized authentication type", "-f", "AUTH"),
                FailureClass.AUTH_MECHANISM_REJECTED, "504 5.5.4");
    }

    @Test
    void authNotOffered_whenTheSettingsWantAuth() {
        TestEmailResult r = run(FailureClassesTest::login, "-a", "-B", "530 5.7.0 Authentication required", "-f", "MAIL");
        assertFailure(r, FailureClass.AUTH_NOT_OFFERED, "530 5.7.0 Authentication required");
        assertThat(r.transcript().toText()).doesNotContain("AUTH");
    }

    @Test
    void authRequired_530_withoutAuthInTheSettings() {
        assertFailure(run(FailureClassesTest::plain, "-B", "530 5.7.0 Authentication required", "-f", "MAIL"),
                FailureClass.AUTH_REQUIRED, "530 5.7.0");
    }

    @Test
    void startTlsRequiredByTheServer_530_5_7_0() {
        assertFailure(run(FailureClassesTest::plain, "-B", "530 5.7.0 Must issue a STARTTLS command first", "-f", "MAIL"),
                FailureClass.STARTTLS_REQUIRED_BY_SERVER, "530 5.7.0 Must issue a STARTTLS command first");
    }

    @Test
    void startTlsNotOffered_whenTheSettingsRequireIt() {
        TestEmailResult r = run(p -> TestSettings.plain("127.0.0.1", p, STARTTLS_REQUIRED).build());
        assertFailure(r, FailureClass.STARTTLS_NOT_OFFERED, "EHLO reply without STARTTLS");
        assertThat(r.transcript().toText()).doesNotContain("MAIL FROM");
    }

    @Test
    void relayDenied_550_5_7_1() {
        assertFailure(run(FailureClassesTest::plain, "-B", "550 5.7.1 Relaying denied", "-f", "RCPT"),
                FailureClass.RELAY_DENIED, "550 5.7.1 Relaying denied");
    }

    @Test
    void relayDenied_554() {
        assertFailure(run(FailureClassesTest::plain, "-B", "554 5.7.1 <admin@example.com>: Relay access denied", "-f", "RCPT"),
                FailureClass.RELAY_DENIED, "554 5.7.1");
    }

    @Test
    void senderRefused_553() {
        assertFailure(run(FailureClassesTest::plain, "-B",
                "553 5.7.1 <noreply@ghe.example.com>: Sender address rejected: not owned by user", "-f", "MAIL"),
                FailureClass.SENDER_REFUSED, "553 5.7.1");
    }

    @Test
    void recipientRefused_550_5_1_1() {
        assertFailure(run(FailureClassesTest::plain, "-B", "550 5.1.1 <admin@example.com>: Recipient address rejected: User unknown",
                "-f", "RCPT"), FailureClass.RECIPIENT_REFUSED, "550 5.1.1");
    }

    @Test
    void messageTooLarge_552_onData() {
        assertFailure(run(FailureClassesTest::plain, "-B", "552 5.3.4 Message size exceeds fixed limit", "-f", "DATA"),
                FailureClass.MESSAGE_TOO_LARGE, "552 5.3.4");
    }

    @Test
    void messageRejected_554_afterTheData() {
        assertFailure(run(FailureClassesTest::plain, "-B", "554 5.7.1 Message rejected as spam", "-f", "."),
                FailureClass.MESSAGE_REJECTED, "554 5.7.1 Message rejected as spam");
    }

    @Test
    void greylisted_451() {
        assertFailure(run(FailureClassesTest::plain, "-b", "451 4.7.1 Greylisted, please try again later", "-r", "RCPT"),
                FailureClass.GREYLISTED, "451 4.7.1");
    }

    @Test
    void rateLimited_450() {
        assertFailure(run(FailureClassesTest::plain, "-b", "450 4.7.1 Too many messages, slow down", "-r", "MAIL"),
                FailureClass.RATE_LIMITED, "450 4.7.1");
    }

    @Test
    void serviceUnavailable_421() {
        assertFailure(run(FailureClassesTest::plain, "-Q", "MAIL"), FailureClass.SERVICE_UNAVAILABLE, "421");
    }

    @Test
    void otherTemporaryFailure_450() {
        assertFailure(run(FailureClassesTest::plain, "-r", "DATA"), FailureClass.TEMPORARY_FAILURE, "450 4.3.0");
    }

    @Test
    void connectionRejectedInTheGreeting_554() {
        assertFailure(run(FailureClassesTest::plain, "-B", "554 5.7.1 No SMTP service here", "-f", "CONNECT"),
                FailureClass.CONNECTION_REJECTED, "554 5.7.1 No SMTP service here");
    }

    @Test
    void serverClosesTheConnectionEarly() {
        TestEmailResult r = run(FailureClassesTest::plain, "-q", "MAIL");
        assertFailure(r, FailureClass.SERVER_CLOSED_EARLY, "");
        assertThat(r.transcript().toText()).contains("<- \"MAIL FROM:", "Connection closed by the server");
    }

    @Test
    void serverStopsAnswering_midSession() {
        TestEmailResult r = run(p -> TestSettings.plain("127.0.0.1", p, NONE).readTimeout(Duration.ofSeconds(1)).build(),
                "-W", "MAIL:5");
        assertFailure(r, FailureClass.SERVER_TIMEOUT, "SocketTimeoutException");
    }

    @Test
    void implicitTlsSpokenToAPlainPort() {
        TestEmailResult r = run(p -> TestSettings.plain("127.0.0.1", p, dev.mailwright.core.ConnectionSecurity.IMPLICIT_TLS).build());
        assertFailure(r, FailureClass.IMPLICIT_TLS_TO_PLAIN_PORT, "Error (tls)");
    }
}
