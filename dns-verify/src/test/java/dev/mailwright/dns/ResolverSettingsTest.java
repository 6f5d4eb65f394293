package dev.mailwright.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResolverSettingsTest {
    @Test
    void parseServer_acceptsAddressesWithAndWithoutPort() {
        assertThat(ResolverSettings.parseServer("127.0.0.1:15353")).isEqualTo(new InetSocketAddress("127.0.0.1", 15353));
        assertThat(ResolverSettings.parseServer("127.0.0.1").getPort()).isEqualTo(53);
        assertThat(ResolverSettings.parseServer("[::1]:5353").getPort()).isEqualTo(5353);
        assertThat(ResolverSettings.parseServer("::1").getPort()).isEqualTo(53);
    }

    @Test
    void parseServer_rejectsNamesAndBadPortsNamingTheValue() {
        assertThatThrownBy(() -> ResolverSettings.parseServer("dns.example.com:53")).hasMessageContaining("dns.example.com:53")
                .hasMessageContaining("127.0.0.1:15353");
        assertThatThrownBy(() -> ResolverSettings.parseServer("127.0.0.1:99999")).hasMessageContaining("99999");
        assertThatThrownBy(() -> ResolverSettings.parseServer("127.0.0.1:x")).hasMessageContaining("127.0.0.1:x");
    }

    @Test
    void timeout_mustBePositiveAndBounded() {
        assertThat(ResolverSettings.system().isSystem()).isTrue();
        assertThat(ResolverSettings.of("127.0.0.1").withTimeout(Duration.ofMillis(300)).timeout()).hasMillis(300);
        assertThatThrownBy(() -> ResolverSettings.system().withTimeout(Duration.ZERO)).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> ResolverSettings.system().withTimeout(Duration.ofHours(1))).hasMessageContaining("PT1H");
    }
}
