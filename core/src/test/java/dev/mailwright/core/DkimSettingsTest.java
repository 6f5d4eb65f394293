package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.diagnostics.RedactedSettings;
import dev.mailwright.core.testing.DkimPeers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailwright.dkim.* keys: loading, writing back, validation with messages that name the value and the fix. */
class DkimSettingsTest {
    @TempDir
    Path dir;
    private Path rsa;
    private Path ed;
    private String rsaPem;

    @BeforeEach
    void keys() throws Exception {
        rsaPem = DkimPeers.pem(DkimPeers.rsa().getPrivate());
        rsa = Files.writeString(dir.resolve("rsa2025.pem"), rsaPem);
        ed = Files.writeString(dir.resolve("ed2025.pem"), DkimPeers.pem(DkimPeers.ed25519().getPrivate()));
    }

    private EmailSettings load(String... lines) {
        Properties p = new Properties();
        p.setProperty("mailwright.smtp.host", "smtp.example.com");
        p.setProperty("mailwright.noreply-address", "noreply@ghe.example.com");
        p.setProperty("mailwright.hostname", "ghe.example.com");
        for (String l : lines) {
            p.setProperty(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
        }
        return SettingsLoader.fromProperties(p);
    }

    private static List<String> codes(EmailSettings s) {
        return s.validate().problems().stream().map(ValidationProblem::code).toList();
    }

    @Test
    void load_pairsSelectorsWithKeyFiles_andDefaultsTheDomainToTheNoReplyAddress() {
        EmailSettings s = load("mailwright.dkim.selector=rsa2025, ed2025", "mailwright.dkim.key-file=" + rsa + " , " + ed);
        assertThat(s.dkim().keys()).containsExactly(new DkimKeyFile("rsa2025", rsa), new DkimKeyFile("ed2025", ed));
        assertThat(s.dkim().domain()).isNull();
        assertThat(s.dkim().signingDomain(s.noReplyAddress().orElse(null))).contains("ghe.example.com");
        assertThat(s.validate().isValid()).as("%s", s.validate()).isTrue();
        EmailSettings explicit = load("mailwright.dkim.domain=Example.COM", "mailwright.dkim.selector=ed2025",
                "mailwright.dkim.key-file=" + ed);
        assertThat(explicit.dkim().signingDomain(explicit.noReplyAddress().orElse(null))).contains("example.com");
    }

    @Test
    void load_fromEnvironment_andBackThroughProperties() {
        EmailSettings s = SettingsLoader.fromEnvironment(Map.of("MAILWRIGHT_NOREPLY_ADDRESS", "noreply@ghe.example.com",
                "MAILWRIGHT_DKIM_SELECTOR", "ed2025", "MAILWRIGHT_DKIM_KEY_FILE", ed.toString(),
                "MAILWRIGHT_DKIM_DOMAIN", "ghe.example.com"));
        assertThat(s.dkim()).isEqualTo(new DkimSettings("ghe.example.com", List.of(new DkimKeyFile("ed2025", ed))));
        Properties p = SettingsLoader.toProperties(s);
        assertThat(SettingsLoader.fromProperties(p).dkim()).isEqualTo(s.dkim());
        assertThat(SettingsLoader.toProperties(load()).stringPropertyNames()).noneMatch(k -> k.contains("dkim"));
    }

    @Test
    void unpairedSelectorsAndFiles_areProblemsThatShowTheForm() {
        EmailSettings s = load("mailwright.dkim.selector=rsa2025, ed2025", "mailwright.dkim.key-file=" + rsa);
        ValidationProblem p = s.validate().problems().get(0);
        assertThat(p.code()).isEqualTo("dkim.key-file.count");
        assertThat(p.message()).contains("lists 2 selector(s) but dkim.key-file lists 1 file(s)")
                .contains("mailwright.dkim.selector=rsa2025, ed2025");
        assertThat(codes(load("mailwright.dkim.key-file=" + rsa))).contains("dkim.selector.count");
    }

    @Test
    void keyFiles_mustBeReadableUnencryptedPemPrivateKeys() throws Exception {
        Path pub = Files.writeString(dir.resolve("pub.pem"), DkimPeers.pem(DkimPeers.rsa().getPublic()));
        Path enc = Files.writeString(dir.resolve("enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Path text = Files.writeString(dir.resolve("notes.txt"), "my key is in the vault");
        Path missing = dir.resolve("nope.pem");
        EmailSettings s = load("mailwright.dkim.selector=a, b, c, d, e", "mailwright.dkim.key-file=" + pub + "," + enc + ","
                + text + "," + missing + "," + dir);
        assertThat(codes(s)).containsExactly("dkim.key-file.not-pem", "dkim.key-file.encrypted", "dkim.key-file.not-pem",
                "dkim.key-file.missing", "dkim.key-file.unreadable");
        List<String> messages = s.validate().problems().stream().map(ValidationProblem::message).toList();
        assertThat(messages.get(0)).contains(pub.toString()).contains("selector a").contains("but a public key");
        assertThat(messages.get(1)).contains("openssl pkey -in " + enc);
        assertThat(messages.get(3)).contains("does not exist").contains("openssl genpkey");
    }

    @Test
    void selectorsAndDomain_areChecked() {
        assertThat(codes(load("mailwright.dkim.selector=bad selector, rsa", "mailwright.dkim.key-file=" + rsa + "," + ed)))
                .containsExactly("dkim.selector.invalid");
        assertThat(codes(load("mailwright.dkim.selector=s1, S1", "mailwright.dkim.key-file=" + rsa + "," + ed)))
                .containsExactly("dkim.selector.duplicate");
        assertThat(codes(load("mailwright.dkim.domain=exa mple.com", "mailwright.dkim.selector=s1",
                "mailwright.dkim.key-file=" + rsa))).containsExactly("dkim.domain.invalid");
        assertThat(codes(load("mailwright.dkim.domain=example.com"))).containsExactly("dkim.key-file.missing");
        String nine = String.join(",", java.util.Collections.nCopies(9, rsa.toString()));
        assertThat(codes(load("mailwright.dkim.selector=a,b,c,d,e,f,g,h,i", "mailwright.dkim.key-file=" + nine)))
                .containsExactly("dkim.key-file.too-many");
    }

    @Test
    void theKeyItselfNeverAppearsInToStringOrReports() {
        EmailSettings s = load("mailwright.dkim.selector=rsa2025", "mailwright.dkim.key-file=" + rsa);
        String keyLine = rsaPem.split("\n")[3];
        assertThat(s.toString()).contains("rsa2025").contains(rsa.toString()).doesNotContain(keyLine);
        assertThat(RedactedSettings.of(s)).containsEntry("mailwright.dkim.key-file", rsa.toString())
                .containsEntry("mailwright.dkim.selector", "rsa2025");
        assertThat(RedactedSettings.of(s).toString()).doesNotContain(keyLine);
    }
}
