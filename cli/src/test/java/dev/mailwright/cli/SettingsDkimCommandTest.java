package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.dkim.DkimKeyRecord;
import dev.mailwright.core.testing.DkimPeers;
import dev.mailwright.dns.testing.KnotServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailwright settings validate} with DKIM keys, against a Knot server publishing the public keys. */
class SettingsDkimCommandTest {
    private static final KeyPair RSA = DkimPeers.rsa();
    private static final KeyPair ED = DkimPeers.ed25519();
    private static final KeyPair UNPUBLISHED = DkimPeers.ed25519();
    private static KnotServer knot;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        String rsa = DkimKeyRecord.format(RSA.getPublic());
        String zone = String.join("\n", "$ORIGIN ghe.example.test.", "$TTL 300",
                "@ SOA ns.ghe.example.test. hostmaster.ghe.example.test. 1 3600 600 86400 300", "@ NS ns", "ns A 127.0.0.1",
                "rsa2025._domainkey TXT \"" + rsa.substring(0, 200) + "\" \"" + rsa.substring(200) + "\"",
                "ed2025._domainkey TXT \"" + DkimKeyRecord.format(ED.getPublic()) + "\"",
                "stale._domainkey TXT \"" + DkimKeyRecord.format(ED.getPublic()) + "\"") + "\n";
        knot = KnotServer.start(Map.of("ghe.example.test", zone), Set.of());
    }

    @AfterAll
    static void stop() {
        knot.close();
    }

    private Path settings(String selectors, String... keys) throws Exception {
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            files.append(i == 0 ? "" : ", ").append(dir.resolve("k" + i + ".pem"));
            Files.writeString(dir.resolve("k" + i + ".pem"), keys[i]);
        }
        return Files.writeString(dir.resolve("mail.properties"), String.join("\n",
                "mailwright.smtp.host=smtp.example.test",
                "mailwright.noreply-address=noreply@ghe.example.test",
                "mailwright.hostname=ghe.example.test",
                "mailwright.dkim.selector=" + selectors,
                "mailwright.dkim.key-file=" + files) + "\n");
    }

    @Test
    void validate_confirmsThatDnsPublishesBothKeys() throws Exception {
        Path file = settings("rsa2025, ed2025", DkimPeers.pem(RSA.getPrivate()), DkimPeers.pem(ED.getPrivate()));
        CliRunner.Result r = CliRunner.run("settings", "validate", "--resolver", knot.address(), file.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("dkim: pass: rsa2025._domainkey.ghe.example.test publishes the public key of the configured"
                + " private key").contains("dkim: pass: ed2025._domainkey.ghe.example.test publishes the public key")
                .contains(file + ": valid");
        CliRunner.Result json = CliRunner.run("settings", "validate", "--json", "--resolver", knot.address(), file.toString());
        assertThat(json.out()).contains("\"valid\":true").contains("\"code\":\"dns.dkim.key\"").doesNotContain("PRIVATE");
    }

    @Test
    void validate_failsWithTheRecordToPublish_whenDnsHasAnotherKey() throws Exception {
        Path file = settings("stale", DkimPeers.pem(UNPUBLISHED.getPrivate()));
        CliRunner.Result r = CliRunner.run("settings", "validate", "--resolver", knot.address(), file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out()).contains("dkim: stale._domainkey.ghe.example.test publishes another key than the configured private key")
                .contains("Publish stale._domainkey.ghe.example.test TXT \"" + DkimKeyRecord.format(UNPUBLISHED.getPublic()) + "\"")
                .contains("--no-dns");
        CliRunner.Result offline = CliRunner.run("settings", "validate", "--no-dns", file.toString());
        assertThat(offline.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(offline.out()).doesNotContain("dkim:");
    }

    @Test
    void validate_reportsAKeyFileThatCannotSign_withoutAskingDns() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        Path file = settings("rsa2025", DkimPeers.pem(g.generateKeyPair().getPrivate()));
        CliRunner.Result r = CliRunner.run("settings", "validate", "--resolver", "127.0.0.1:1", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out()).contains("dkim.key-file: Cannot use the DKIM key file").contains("1024 bits")
                .contains("at least 2048").doesNotContain("could not look up");
    }
}
