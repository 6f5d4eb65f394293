package dev.mailwright.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module name and the exported packages: API and SPI only. */
class ModuleDescriptorTest {

    @Test
    void exportsOnlyApiAndSpi() throws IOException {
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        assertThat(d.name()).isEqualTo("dev.mailwright.outbox");
        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("dev.mailwright.outbox", "dev.mailwright.outbox.spi");
        assertThat(d.exports()).allMatch(e -> !e.isQualified());
        assertThat(d.opens()).isEmpty();
    }
}
