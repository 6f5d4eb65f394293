package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.spi.DiagnosticsContributor;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboundDiagnosticsTest {
    @TempDir
    Path dir;

    private InboundPipeline pipeline(String state) {
        return InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                .ledgerDirectory(dir.resolve(state)).handler(r -> { }).build();
    }

    @Test
    void aPipelinesStatistics_countDispositionsByReason_forThatPipelineOnly() throws Exception {
        Fixtures.deliver(dir.resolve("mail/reply"), Fixtures.postfixName(1),
                Fixtures.reply("<forged@x>", Fixtures.forgedAddress(), "hi"));
        try (InboundPipeline p = pipeline("state"); InboundPipeline other = pipeline("other");
                MaildirSource source = MaildirSource.builder(dir.resolve("mail/reply")).open()) {
            p.drain(source);

            assertThat(p.statistics().get("failure.address.forged")).isEqualTo(1);
            assertThat(p.statistics().counters()).containsEntry("failure", 1L);
            assertThat(other.statistics().counters()).as("another pipeline in the same process counts apart").isEmpty();
            DiagnosticsSection section = p.statistics().diagnostics()
                    .contribute(EmailSettings.builder().hostname(Fixtures.HOST).build());
            assertThat(section.facts()).containsEntry("reply domain", "reply.ghe.example.com")
                    .containsEntry("failure.address.forged", "1");
            assertThat(section.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("inbound.forged"));
            assertThat(other.statistics().diagnostics().contribute(EmailSettings.builder().hostname(Fixtures.HOST).build())
                    .findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("inbound.idle"));
        }
    }

    @Test
    void theInboundSection_isFoundThroughServiceLoader_withTheSettingsFactsAndNoCounters() {
        DiagnosticsContributor inbound = ServiceLoader.load(DiagnosticsContributor.class).stream()
                .map(ServiceLoader.Provider::get).filter(c -> c.name().equals("inbound")).findFirst().orElseThrow();

        DiagnosticsSection section = inbound.contribute(EmailSettings.builder().hostname(Fixtures.HOST).build());

        assertThat(section.facts()).containsEntry("reply domain", "reply.ghe.example.com")
                .doesNotContainKey("failure.address.forged");
        assertThat(section.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("inbound.counters.elsewhere"));
    }
}
