package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
    @TempDir
    Path dir;

    @Test
    void refusesKeysShorterThan32Bytes() {
        assertThatThrownBy(() -> KeyRing.of(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("31 bytes").hasMessageContaining("at least 32");
        assertThatThrownBy(() -> KeyRing.of(new byte[32], new byte[16])).hasMessageContaining("verify-only key has 16 bytes");
    }

    @Test
    void fromFile_readsHexAndBase64_signingKeyFirst() throws Exception {
        byte[] a = new byte[32];
        byte[] b = new byte[48];
        b[0] = 7;
        Path file = dir.resolve("keys");
        Files.writeString(file, "# current\n" + java.util.HexFormat.of().formatHex(a) + "\n\nbase64:"
                + Base64.getEncoder().encodeToString(b) + "\n");
        KeyRing ring = KeyRing.fromFile(file);
        assertThat(ring.size()).isEqualTo(2);
        assertThat(ring.signingKey()).isEqualTo(a);
        assertThat(ring.verifyOnlyKeys().get(0)).isEqualTo(b);
    }

    @Test
    void fromFile_errorNamesFileAndLineButNotTheKey() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "abcdef0123\n");
        assertThatThrownBy(() -> KeyRing.fromFile(file)).isInstanceOf(MailwrightException.class)
                .hasMessageContaining(file + " line 1").hasMessageContaining("at least 32")
                .hasMessageNotContaining("abcdef0123");
        assertThatThrownBy(() -> KeyRing.fromFile(dir.resolve("missing"))).hasMessageContaining("Cannot read");
        Files.writeString(file, "# nothing\n");
        assertThatThrownBy(() -> KeyRing.fromFile(file)).hasMessageContaining("holds no key");
    }

    @Test
    void fromEnvironment_readsCommaSeparatedKeys() {
        String k1 = KeyRing.generateHexKey();
        String k2 = KeyRing.generateHexKey();
        KeyRing ring = KeyRing.fromEnvironment(Map.of(KeyRing.ENV_VARIABLE, k1 + ", " + k2));
        assertThat(ring.size()).isEqualTo(2);
        assertThatThrownBy(() -> KeyRing.fromEnvironment(Map.of())).hasMessageContaining(KeyRing.ENV_VARIABLE);
        assertThatThrownBy(() -> KeyRing.fromEnvironment(Map.of(KeyRing.ENV_VARIABLE, "%%%")))
                .hasMessageContaining("neither hex nor base64").hasMessageNotContaining("%%%");
    }

    @Test
    void generatedKeysAreRandomAnd32Bytes() {
        assertThat(KeyRing.generateHexKey()).hasSize(64).isNotEqualTo(KeyRing.generateHexKey());
    }
}
