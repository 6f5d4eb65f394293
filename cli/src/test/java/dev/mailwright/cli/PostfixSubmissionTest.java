package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.testing.PostfixSubmission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "tried against a real submission server": {@code test-email} and {@code notify} with
 * {@code --trust-pem} against a private Postfix submission service (STARTTLS required, Dovecot
 * SASL behind it). The right credentials deliver; a wrong password is a {@code 535} reported as an
 * authentication failure with its remedy, not as "cannot connect"; security {@code none} meets
 * Postfix's {@code 530} and the remedy names the security setting.
 */
class PostfixSubmissionTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static PostfixSubmission postfix;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostfix() {
        postfix = PostfixSubmission.start();
    }

    @AfterAll
    static void stopPostfix() {
        if (postfix != null) {
            postfix.close();
        }
    }

    private Path settings(String name, String security, String password) throws IOException {
        String auth = password == null ? "" : String.join("\n", "mailwright.smtp.auth=login",
                "mailwright.smtp.username=" + postfix.user(), "mailwright.smtp.password=" + password, "");
        return Files.writeString(dir.resolve(name + ".properties"), String.join("\n", "mailwright.smtp.host=localhost",
                "mailwright.smtp.port=" + postfix.port(), "mailwright.smtp.security=" + security,
                "mailwright.noreply-address=noreply@ghe.example.com", "mailwright.hostname=ghe.example.com",
                "mailwright.smtp.helo-domain=ghe.example.com", "mailwright.smtp.connect-timeout=5s",
                "mailwright.smtp.read-timeout=10s", auth));
    }

    private CliRunner.Result notify(Path settings) throws IOException {
        Path notification = Files.writeString(dir.resolve("n.json"), NotifyCommandTest.NOTIFICATION);
        Path keys = Files.writeString(dir.resolve("keys"), KEY + "\n");
        return CliRunner.run("notify", "--settings", settings.toString(), "--notification", notification.toString(),
                "--key-file", keys.toString(), "--trust-pem", postfix.certificate().toString());
    }

    @Test
    void theRightCredentials_overStartTls_deliverTheTestEmailAndTheNotification() throws Exception {
        Path settings = settings("good", "starttls-required", postfix.password());

        CliRunner.Result test = CliRunner.run("test-email", "--settings", settings.toString(), "--to", "admin@example.com",
                "--trust-pem", postfix.certificate().toString());
        assertThat(test.exitCode()).as(test.out() + test.err() + postfix.log()).isZero();
        assertThat(test.out()).contains("TLS connection started", "<- \"[redacted: AUTH LOGIN password]\\r\\n\"",
                "-> \"235 2.7.0 Authentication successful\\r\\n\"", "250 2.0.0 Ok: queued as").doesNotContain(postfix.password());

        CliRunner.Result sent = notify(settings);
        assertThat(sent.exitCode()).as(sent.out() + sent.err() + postfix.log()).isZero();
        assertThat(sent.out()).startsWith("sent <octo/hello-world/issues/42/c9001@ghe.example.com> via smtp://localhost:")
                .contains("recipient octocat@example.com: accepted (250");
        assertThat(postfix.log()).contains("sasl_method=LOGIN, sasl_username=" + postfix.user());
    }

    @Test
    void aWrongPassword_isA535_reportedAsAnAuthenticationFailureWithItsRemedy() throws Exception {
        Path settings = settings("wrong", "starttls-required", "not-the-password");

        CliRunner.Result test = CliRunner.run("test-email", "--settings", settings.toString(), "--to", "admin@example.com",
                "--trust-pem", postfix.certificate().toString());
        assertThat(test.exitCode()).as(test.out() + test.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(test.out()).contains("[FAILURE] smtp.auth.", "-> \"535 5.7.8").doesNotContain("not-the-password")
                .doesNotContainIgnoringCase("cannot connect");

        CliRunner.Result sent = notify(settings);
        assertThat(sent.exitCode()).as(sent.out() + sent.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(sent.out()).contains("FAILED", "535").containsIgnoringCase("authentication").contains("what to do:")
                .doesNotContainIgnoringCase("cannot connect").doesNotContain("not-the-password");
    }

    @Test
    void securityNone_meetsPostfixs530_andTheRemedyNamesTheSecuritySetting() throws Exception {
        Path settings = settings("plain", "none", null);

        CliRunner.Result test = CliRunner.run("test-email", "--settings", settings.toString(), "--to", "admin@example.com",
                "--trust-pem", postfix.certificate().toString());
        assertThat(test.exitCode()).as(test.out() + test.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(test.out()).contains("-> \"530 5.7.0 Must issue a STARTTLS command first", "starttls-required");

        CliRunner.Result sent = notify(settings);
        assertThat(sent.exitCode()).as(sent.out() + sent.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(sent.out()).contains("FAILED", "tls-required (smtp.tls.required-by-server)",
                "what to do: Select connection security starttls-required (port 587) or implicit-tls (port 465).")
                .doesNotContain("use a port and server that offer STARTTLS");
    }
}
