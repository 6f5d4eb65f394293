package dev.mailwright.smtp.testmail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.DkimKeyFile;
import dev.mailwright.core.DkimSettings;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.dkim.DkimKeyRecord;
import dev.mailwright.core.dkim.DkimResult;
import dev.mailwright.core.dkim.DkimSignatureResult;
import dev.mailwright.core.dkim.DkimVerifier;
import dev.mailwright.core.spi.DkimKeyLookup;
import dev.mailwright.core.testing.DkimPeers;
import dev.mailwright.smtp.testsupport.SubethaServer;
import dev.mailwright.smtp.testsupport.TestSettings;
import dev.mailwright.smtp.testsupport.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test email is DKIM-signed like notifications, so the admin's mailbox shows whether DKIM passes. */
class SignedTestEmailTest {
    private final EmailSettingsTester tester = EmailSettingsTester.builder()
            .sslSocketFactory(TestTls.get().trustingClientFactory()).build();

    @TempDir
    Path dir;

    @Test
    void testEmail_arrivesWithSignaturesThatVerify() throws Exception {
        KeyPair rsa = DkimPeers.rsa();
        KeyPair ed = DkimPeers.ed25519();
        Files.writeString(dir.resolve("rsa.pem"), DkimPeers.pem(rsa.getPrivate()));
        Files.writeString(dir.resolve("ed.pem"), DkimPeers.pem(ed.getPrivate()));
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD)) {
            EmailSettings settings = TestSettings.login("localhost", server.port(), ConnectionSecurity.STARTTLS_REQUIRED,
                    TestSettings.PASSWORD).dkim(new DkimSettings(null, List.of(new DkimKeyFile("rsa1", dir.resolve("rsa.pem")),
                    new DkimKeyFile("ed1", dir.resolve("ed.pem"))))).build();
            TestEmailResult r = tester.send(settings, "admin@example.com");
            assertThat(r.delivered()).as("%s", r).isTrue();
            DkimKeyLookup keys = DkimKeyLookup.of(Map.of("rsa1._domainkey.ghe.example.com", DkimKeyRecord.format(rsa.getPublic()),
                    "ed1._domainkey.ghe.example.com", DkimKeyRecord.format(ed.getPublic())));
            assertThat(DkimVerifier.builder().keyLookup(keys).build().verify(server.messages().get(0)).signatures())
                    .extracting(DkimSignatureResult::result).containsExactly(DkimResult.PASS, DkimResult.PASS);
        }
    }

    @Test
    void testEmail_withAnUnusableKey_failsNamingTheFile() throws Exception {
        Path pub = Files.writeString(dir.resolve("pub.pem"), DkimPeers.pem(DkimPeers.rsa().getPublic()));
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD)) {
            EmailSettings settings = TestSettings.login("localhost", server.port(), ConnectionSecurity.STARTTLS_REQUIRED,
                    TestSettings.PASSWORD).dkim(new DkimSettings(null, List.of(new DkimKeyFile("rsa1", pub)))).build();
            TestEmailResult r = tester.send(settings, "admin@example.com");
            assertThat(r.delivered()).isFalse();
            String said = r.findings() + " " + ((TestEmailResult.Failed) r).error();
            assertThat(said).contains(pub.toString()).contains("public key");
            assertThat(server.messages()).isEmpty();
        }
    }
}
