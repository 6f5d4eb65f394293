package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.testing.Peers;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void fromPem_loadsAnRsaCertificateAndKey_andSwaksCompletesStarttls() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        writePem(cert, key);

        TlsCredentials tls = TlsCredentials.fromPem(cert, key);
        assertThat(tls.toString()).doesNotContain("PRIVATE");
        try (InboundListener listener = InboundListener.builder().hostname(Fixtures.HOST).keyRing(Fixtures.KEYS)
                .maildir(dir.resolve("maildir")).port(0).tls(tls).enforceTls(true).build().start()) {
            Process swaks = new ProcessBuilder(List.of(Peers.require("swaks", "swaks").toString(), "--tls", "--server",
                    "127.0.0.1:" + listener.port(), "--from", "a@example.org", "--to", Fixtures.replyAddress(1, 5)))
                    .redirectErrorStream(true).start();
            String out = new String(swaks.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(swaks.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(swaks.exitValue()).as(out).isZero();
        }
    }

    /** Writes a self-signed RSA certificate and its PKCS#1 key ("RSA PRIVATE KEY"), as certbot and openssl do. */
    private static void writePem(Path cert, Path key) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        X500Name name = new X500Name("CN=reply." + Fixtures.HOST);
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(86_400)), name,
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(cert))) {
            w.writeObject(holder);
        }
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(key))) {
            w.writeObject(pair);
        }
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    }

    @Test
    void fromPem_namesTheFile_whenItHoldsNoKey() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a pem\n");

        assertThatThrownBy(() -> TlsCredentials.fromPem(empty, empty)).isInstanceOf(InboundException.class)
                .hasMessageContaining(empty.toString());
    }
}
