package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheApiAndSpiPackages() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            ModuleDescriptor d = ModuleDescriptor.read(in);

            assertThat(d.name()).isEqualTo("dev.mailwright.inbound");
            assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("dev.mailwright.inbound", "dev.mailwright.inbound.spi",
                            "dev.mailwright.inbound.reply", "dev.mailwright.inbound.bounce");
            assertThat(d.exports()).allMatch(e -> !e.isQualified());
            assertThat(d.provides()).anySatisfy(p -> {
                assertThat(p.service()).isEqualTo("dev.mailwright.core.spi.DiagnosticsContributor");
                assertThat(p.providers()).containsExactly("dev.mailwright.inbound.internal.InboundDiagnostics");
            });
        }
    }
}
