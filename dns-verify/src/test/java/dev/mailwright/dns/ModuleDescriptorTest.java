package dev.mailwright.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.spi.DiagnosticsContributor;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins the module name, the exported packages and the diagnostics contributor registration. */
class ModuleDescriptorTest {
    @Test
    void exportsOnlyTheApiPackageAndProvidesTheContributor() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            ModuleDescriptor d = ModuleDescriptor.read(in);
            assertThat(d.name()).isEqualTo("dev.mailwright.dns");
            assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                    .isEqualTo(Set.of("dev.mailwright.dns"));
            assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
                    .contains("dev.mailwright.core", "org.dnsjava").doesNotContain("dev.mailwright.smtp",
                            "dev.mailwright.inbound");
            assertThat(d.provides()).singleElement().satisfies(p -> {
                assertThat(p.service()).isEqualTo(DiagnosticsContributor.class.getName());
                assertThat(p.providers()).containsExactly("dev.mailwright.dns.internal.DnsDiagnosticsContributor");
            });
        }
    }

    @Test
    void serviceLoader_findsTheDnsContributor_whichReportsABadHostnameAsAFinding() {
        DiagnosticsContributor dns = ServiceLoader.load(DiagnosticsContributor.class).stream()
                .map(ServiceLoader.Provider::get).filter(c -> c.name().equals("dns")).findFirst().orElseThrow();
        var section = dns.contribute(EmailSettings.builder().build());
        assertThat(section.name()).isEqualTo("dns");
        assertThat(section.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity().isFailure()).isTrue();
            assertThat(f.message()).contains("host name is not set");
        });
    }
}
