package dev.mailwright.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Finding;
import dev.mailwright.core.Secret;
import dev.mailwright.core.internal.Json;
import dev.mailwright.core.spi.DiagnosticsContributor;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsReportTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    static final String PASSWORD = "hunter2-secret";

    /** Contributes a DNS-like section; found through ServiceLoader in the test below. */
    public static final class DnsLikeContributor implements DiagnosticsContributor {
        @Override
        public String name() {
            return "dns";
        }

        @Override
        public DiagnosticsSection contribute(EmailSettings settings) {
            return new DiagnosticsSection("dns", "DNS", Map.of("zone", settings.replyDomain()),
                    List.of(Finding.failure("dns.reply.mx.missing", "no MX for " + settings.replyDomain(), "create it")));
        }
    }

    static EmailSettings settings() {
        return EmailSettings.builder().smtpHost("smtp.example.com").auth(AuthMethod.LOGIN).username("u@example.com")
                .password(Secret.of(PASSWORD)).noReplyAddress("noreply@ghe.example.com").hostname("ghe.example.com").build();
    }

    @Test
    void report_hasVersionsRedactedSettingsValidationAndSections() {
        DiagnosticsReport r = DiagnosticsReport.builder().clock(CLOCK).version("mailwright-smtp-client", "1.2.3")
                .settings(settings()).section(new DiagnosticsSection("test-email", "Last test email", Map.of("outcome", "delivered"),
                        List.of(Finding.pass("smtp.message.accepted", "the server accepted the message"))))
                .contributor(new DnsLikeContributor()).build();

        String text = ReportRenderer.text(r);
        assertThat(text).startsWith("Mailwright diagnostics report").contains("Generated: 2026-11-26T10:00:00Z",
                "mailwright-smtp-client: 1.2.3", "java: ", "mailwright.smtp.host = smtp.example.com",
                "mailwright.smtp.password = ******", "Validation: valid", "== Last test email (test-email)", "outcome: delivered",
                "[PASS] smtp.message.accepted", "== DNS (dns)", "[FAILURE] dns.reply.mx.missing: no MX for reply.ghe.example.com");
        assertThat(text + json(r)).doesNotContain(PASSWORD);
        assertThat(json(r)).startsWith("{\"generatedAt\":\"2026-11-26T10:00:00Z\",\"versions\":{\"mailwright-core\":")
                .contains("\"mailwright.smtp.password\":\"******\"", "\"validation\":{\"valid\":true,\"problems\":[]}",
                        "{\"severity\":\"failure\",\"code\":\"dns.reply.mx.missing\"");
        assertThat(r.hasFailures()).isTrue();
    }

    @Test
    void invalidSettings_areListed() {
        DiagnosticsReport r = DiagnosticsReport.builder().clock(CLOCK).settings(settings().toBuilder().port(0).build()).build();

        assertThat(ReportRenderer.text(r)).contains("Validation: 1 problem(s)", "  smtp.port: port 0 is out of range");
        assertThat(json(r)).contains("\"valid\":false", "\"code\":\"smtp.port.out-of-range\"");
    }

    @Test
    void contributors_areFoundWithServiceLoader_andAFailingOneBecomesAWarning(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(DiagnosticsContributor.class.getName()),
                DnsLikeContributor.class.getName() + "\ndev.mailwright.core.diagnostics.NoSuchContributor\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            DiagnosticsReport r = DiagnosticsReport.builder().clock(CLOCK).settings(settings()).serviceLoader(loader)
                    .contributor(new DiagnosticsContributor() {
                        @Override
                        public String name() {
                            return "broken";
                        }

                        @Override
                        public DiagnosticsSection contribute(EmailSettings s) {
                            throw new IllegalStateException("boom");
                        }
                    }).build();

            assertThat(r.sections()).extracting(DiagnosticsSection::name).containsExactlyInAnyOrder("service-loader", "broken", "dns");
            assertThat(ReportRenderer.text(r)).contains("[WARNING] diagnostics.contributor.failed: the diagnostics contributor broken failed:"
                    + " java.lang.IllegalStateException: boom", "NoSuchContributor");
        }
    }

    @Test
    void withoutSettings_contributorsAreNotCalled() {
        DiagnosticsReport r = DiagnosticsReport.builder().clock(CLOCK).contributor(new DnsLikeContributor()).build();

        assertThat(ReportRenderer.text(r)).contains("(no settings given)", "1 contributor(s) not called");
        assertThat(r.validation()).isEmpty();
    }

    /** The report's data as the support bundle writes it (compact JSON). */
    static String json(DiagnosticsReport r) {
        return Json.write(ReportRenderer.data(r), false);
    }
}
