package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module name, the exported packages and the provided transports. */
class ModuleDescriptorTest {

    @Test
    void exportsOnlyApiAndSpi() throws IOException {
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        assertThat(d.name()).isEqualTo("dev.mailwright.smtp");
        assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("dev.mailwright.smtp", "dev.mailwright.smtp.spi",
                        "dev.mailwright.smtp.testmail", "dev.mailwright.smtp.transcript");
        assertThat(d.exports()).allMatch(e -> !e.isQualified());
        assertThat(d.uses()).containsExactly("dev.mailwright.smtp.spi.MailTransportProvider");
        assertThat(d.provides()).singleElement().satisfies(p -> assertThat(p.providers()).hasSize(4));
    }
}
