package dev.mailwright.smtp.testmail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.diagnostics.DiagnosticsReport;
import dev.mailwright.smtp.testsupport.SmtpSink;
import dev.mailwright.smtp.testsupport.TestSettings;
import org.junit.jupiter.api.Test;

/** The last test results reach the diagnostics report through core's contributor SPI. */
class TestEmailHistoryTest {
    @Test
    void report_showsTheLastTestsAndTheLatestFindings() {
        TestEmailHistory history = new TestEmailHistory(2);
        EmailSettingsTester tester = EmailSettingsTester.builder().history(history).build();
        try (SmtpSink ok = SmtpSink.start(); SmtpSink refusing = SmtpSink.start("-B", "550 5.7.1 Relaying denied", "-f", "RCPT")) {
            tester.send(TestSettings.plain("127.0.0.1", ok.port(), ConnectionSecurity.NONE).build(), "a@example.com");
            tester.send(TestSettings.plain("127.0.0.1", ok.port(), ConnectionSecurity.NONE).build(), "b@example.com");
            EmailSettings refused = TestSettings.plain("127.0.0.1", refusing.port(), ConnectionSecurity.NONE).build();
            tester.send(refused, "c@example.com");

            assertThat(history.results()).extracting(TestEmailResult::to).containsExactly("c@example.com", "b@example.com");
            String report = dev.mailwright.core.diagnostics.ReportRenderer.text(DiagnosticsReport.builder().settings(refused).contributor(history).build());
            assertThat(report).contains("== Last test emails (test-email)", "to c@example.com: not delivered (smtp.rcpt.relay-denied)",
                    "to b@example.com: delivered", "[FAILURE] smtp.rcpt.relay-denied").doesNotContain("a@example.com");
        }
    }
}
