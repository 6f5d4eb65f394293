package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.smtp.spi.MailTransport;
import dev.mailwright.smtp.spi.MailTransportProvider;
import dev.mailwright.smtp.spi.TransportContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportSelectionTest {

    @Test
    void serviceLoader_findsTheFourBuiltInSchemes() {
        List<String> schemes = MailTransports.discover(getClass().getClassLoader()).stream()
                .map(MailTransportProvider::scheme).sorted().toList();
        assertThat(schemes).containsExactly("memory", "pickup", "smtp", "smtps");
    }

    @Test
    void discover_skipsAProviderThatCannotBeLoaded(@TempDir Path dir) throws Exception {
        Path services = java.nio.file.Files.createDirectories(dir.resolve("META-INF/services"));
        java.nio.file.Files.writeString(services.resolve(MailTransportProvider.class.getName()), "com.example.MissingProvider\n");
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            assertThat(MailTransports.discover(loader)).extracting(MailTransportProvider::scheme)
                    .containsExactlyInAnyOrder("smtp", "smtps", "memory", "pickup");
        }
    }

    @Test
    void open_selectsByUri(@TempDir Path dir) {
        try (MailTransport memory = MailTransports.open("memory:", Fixtures.settings())) {
            assertThat(memory).isInstanceOf(MemoryTransport.class);
        }
        try (MailTransport pickup = MailTransports.open(dir.toUri(), Fixtures.settings())) {
            throw new AssertionError("a file: URI must not open a transport, got " + pickup.describe());
        } catch (TransportSelectionException e) {
            assertThat(e).hasMessageContaining("No mail transport for the scheme 'file'")
                    .hasMessageContaining("memory, pickup, smtp, smtps")
                    .hasMessageContaining("dev.mailwright:mailwright-smtp-client");
        }
        try (MailTransport pickup = MailTransports.open("pickup:" + dir, Fixtures.settings())) {
            assertThat(pickup.describe()).isEqualTo("pickup:" + dir);
        }
        try (MailTransport smtp = MailTransports.open("smtps://mail.example.com:465", Fixtures.settings())) {
            assertThat(smtp.describe()).isEqualTo("smtps://mail.example.com:465 (implicit-tls, auth none)");
        }
    }

    @Test
    void severalProvidersForOneScheme_isAnErrorListingThem() {
        List<MailTransportProvider> providers = new ArrayList<>(MailTransports.discover(getClass().getClassLoader()));
        providers.add(new OtherMemory());
        assertThatThrownBy(() -> MailTransports.open("memory:", Fixtures.settings(), providers))
                .isInstanceOf(TransportSelectionException.class)
                .hasMessageContaining("Several mail transports claim the scheme 'memory'")
                .hasMessageContaining("BuiltInProviders$Memory (dev.mailwright:mailwright-smtp-client)")
                .hasMessageContaining("OtherMemory (com.example:other-memory)");
    }

    @Test
    void noProvider_namesTheArtifact() {
        assertThatThrownBy(() -> MailTransports.open("ses://eu-west-1", Fixtures.settings(), List.of()))
                .isInstanceOf(TransportSelectionException.class)
                .hasMessageContaining("'ses'").hasMessageContaining("Known schemes: none")
                .hasMessageContaining("Add the artifact");
    }

    @Test
    void programmaticProviders_needNoServiceLoader() {
        try (MailTransport t = MailTransports.open("memory:", Fixtures.settings(), List.of(new OtherMemory()))) {
            assertThat(t.describe()).isEqualTo("other-memory:");
        }
    }

    static final class OtherMemory implements MailTransportProvider {
        @Override
        public String scheme() {
            return "memory";
        }

        @Override
        public String artifact() {
            return "com.example:other-memory";
        }

        @Override
        public MailTransport create(TransportContext context) {
            MemoryTransport m = new MemoryTransport();
            return new MailTransport() {
                @Override
                public SendResult send(dev.mailwright.smtp.spi.OutgoingMessage message) {
                    return m.send(message);
                }

                @Override
                public String describe() {
                    return "other-memory:";
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
