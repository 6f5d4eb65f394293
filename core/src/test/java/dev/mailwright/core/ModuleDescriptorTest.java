package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module name and the exported packages: API and SPI only, never an internal package. */
class ModuleDescriptorTest {
    @Test
    void exportsOnlyApiAndSpi() throws Exception {
        Path moduleInfo = Path.of("target/classes/module-info.class");
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(moduleInfo)) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.name()).isEqualTo("dev.mailwright.core");
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("dev.mailwright.core", "dev.mailwright.core.diagnostics", "dev.mailwright.core.smtp",
                        "dev.mailwright.core.dkim", "dev.mailwright.core.spi", "dev.mailwright.core.suppression", "dev.mailwright.core.auth");
        assertThat(descriptor.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
        assertThat(descriptor.uses()).contains("dev.mailwright.core.spi.DiagnosticsContributor");
    }
}
