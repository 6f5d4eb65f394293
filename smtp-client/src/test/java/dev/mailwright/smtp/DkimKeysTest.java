package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.DkimKeyFile;
import dev.mailwright.core.DkimSettings;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.dkim.DkimAlgorithm;
import dev.mailwright.core.dkim.DkimSigner;
import dev.mailwright.core.dkim.DkimSigningKey;
import dev.mailwright.core.testing.DkimPeers;
import dev.mailwright.core.testing.Peers;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimKeysTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String pemOf(Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
        return w.toString();
    }

    @Test
    void fromPem_readsPkcs8RsaPkcs1RsaAndPkcs8Ed25519_andDerivesThePublicKey() throws Exception {
        KeyPair rsa = DkimPeers.rsa();
        KeyPair ed = DkimPeers.ed25519();
        String pkcs1 = pemOf(rsa.getPrivate());
        assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        DkimSigningKey a = DkimKeys.fromPem("rsa8", write("rsa8.pem", DkimPeers.pem(rsa.getPrivate())));
        DkimSigningKey b = DkimKeys.fromPem("rsa1", write("rsa1.pem", pkcs1));
        DkimSigningKey c = DkimKeys.fromPem("ed", write("ed.pem", DkimPeers.pem(ed.getPrivate())));
        assertThat(a.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
        assertThat(a.publicKey()).isEqualTo(rsa.getPublic());
        assertThat(b.publicKey()).isEqualTo(rsa.getPublic());
        assertThat(c.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        assertThat(c.publicKey().getEncoded()).isEqualTo(ed.getPublic().getEncoded());
        assertThat(c.privateKey().getClass().getName()).startsWith("sun.security");
    }

    @Test
    void fromPem_readsTheKeyOpendkimGenkeyMakes_andPublishesTheSameRecord() throws Exception {
        Path genkey = Peers.require("opendkim-genkey", "opendkim-tools");
        Process p = new ProcessBuilder(genkey.toString(), "-b", "2048", "-d", "example.test", "-s", "mw1", "-D", dir.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        DkimSigningKey key = DkimKeys.fromPem("mw1", dir.resolve("mw1.private"));
        String txt = Files.readString(dir.resolve("mw1.txt")).replaceAll("(?s)[^\"]*\"([^\"]*)\"", "$1").replaceAll("\\).*", "");
        String published = txt.substring(txt.indexOf("p=") + 2).replaceAll("[\\s\"]", "");
        assertThat(key.dnsRecord()).endsWith("p=" + published);
    }

    @Test
    void fromPem_refusesWhatCannotSign_sayingWhatToDo() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair weak = g.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        OutputEncryptor aes = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword("pw".toCharArray())
                .build();
        Path encrypted = write("enc.pem", pemOf(new JcaPKCS8Generator(DkimPeers.rsa().getPrivate(), aes)));
        assertThatThrownBy(() -> DkimKeys.fromPem("s1", encrypted)).isInstanceOf(SmtpException.class)
                .hasMessageContaining(encrypted.toString()).hasMessageContaining("passphrase").hasMessageContaining("openssl pkey");
        assertThatThrownBy(() -> DkimKeys.fromPem("s1", write("weak.pem", DkimPeers.pem(weak.getPrivate()))))
                .hasMessageContaining("1024 bits").hasMessageContaining("at least 2048");
        assertThatThrownBy(() -> DkimKeys.fromPem("s1", write("ec.pem", DkimPeers.pem(ec.generateKeyPair().getPrivate()))))
                .hasMessageContaining("1.2.840.10045.2.1").hasMessageContaining("RSA (2048 bits or more) or Ed25519");
        assertThatThrownBy(() -> DkimKeys.fromPem("s1", write("pub.pem", DkimPeers.pem(weak.getPublic()))))
                .hasMessageContaining("public key");
        assertThatThrownBy(() -> DkimKeys.fromPem("s1", write("text.pem", "hello"))).hasMessageContaining("no PEM private key");
        assertThatThrownBy(() -> DkimKeys.fromPem("s1", write("broken.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")))
                .hasMessageContaining("broken.pem");
        assertThatThrownBy(() -> DkimKeys.fromPem("s1", dir.resolve("missing.pem"))).hasMessageContaining("Cannot read")
                .hasMessageContaining("missing.pem");
        assertThatThrownBy(() -> DkimKeys.fromPem("bad selector", encrypted)).hasMessageContaining("not valid");
    }

    @Test
    void signer_fromSettings_signsWithEveryKeyForTheNoReplyDomain() throws Exception {
        Path rsa = write("rsa.pem", DkimPeers.pem(DkimPeers.rsa().getPrivate()));
        Path ed = write("ed.pem", DkimPeers.pem(DkimPeers.ed25519().getPrivate()));
        EmailSettings settings = EmailSettings.builder().noReplyAddress("noreply@ghe.example.com")
                .dkim(new DkimSettings(null, List.of(new DkimKeyFile("rsa1", rsa), new DkimKeyFile("ed1", ed)))).build();
        DkimSigner signer = DkimKeys.signer(settings, Fixtures.CLOCK).orElseThrow();
        assertThat(signer.domain()).isEqualTo("ghe.example.com");
        assertThat(signer.keys()).extracting(DkimSigningKey::selector).containsExactly("rsa1", "ed1");
        assertThat(signer.toString()).contains("ed25519-sha256 by BC").doesNotContain("rsa-sha256 by");
        assertThat(DkimKeys.signer(EmailSettings.builder().build(), Fixtures.CLOCK)).isEmpty();
        EmailSettings broken = settings.toBuilder().dkim(new DkimSettings(null, List.of(new DkimKeyFile("a", dir.resolve("x.pem")),
                new DkimKeyFile("b", dir.resolve("y.pem"))))).build();
        assertThatThrownBy(() -> DkimKeys.signer(broken, Fixtures.CLOCK)).hasMessageContaining("x.pem").hasMessageContaining("y.pem");
    }
}
