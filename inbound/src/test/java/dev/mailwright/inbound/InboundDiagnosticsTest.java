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

    @Test
    void theInboundSection_isFoundThroughServiceLoader_andCountsDispositionsByReason() throws Exception {
        Fixtures.deliver(dir.resolve("mail/reply"), Fixtures.postfixName(1),
                Fixtures.reply("<forged@x>", Fixtures.forgedAddress(), "hi"));
        try (InboundPipeline p = InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                        .ledgerDirectory(dir.resolve("state")).handler(r -> { }).build();
                MaildirSource source = MaildirSource.builder(dir.resolve("mail/reply")).open()) {
            p.drain(source);
        }
        DiagnosticsContributor inbound = ServiceLoader.load(DiagnosticsContributor.class).stream()
                .map(ServiceLoader.Provider::get).filter(c -> c.name().equals("inbound")).findFirst().orElseThrow();

        DiagnosticsSection section = inbound.contribute(EmailSettings.builder().hostname(Fixtures.HOST).build());

        assertThat(section.facts()).containsEntry("reply domain", "reply.ghe.example.com");
        assertThat(Long.parseLong(section.facts().get("failure.address.forged"))).isPositive();
        assertThat(section.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("inbound.forged"));
    }
}
