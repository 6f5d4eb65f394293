package dev.mailwright.benchmarks.dkim;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.dkim.DkimAlgorithm;
import dev.mailwright.core.dkim.DkimSigner;
import dev.mailwright.core.dkim.DkimSigningKey;
import dev.mailwright.smtp.Actor;
import dev.mailwright.smtp.MemoryTransport;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.Reason;
import dev.mailwright.smtp.Recipient;
import dev.mailwright.smtp.ThreadRef;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What DKIM signing costs per message, beside its floor: {@code sign} is
 * {@link DkimSigner#sign(byte[])} on a composed notification of about 4 KB (line ends checked,
 * body canonicalized and hashed, 31 header entries selected and canonicalized, the signature field
 * folded, the message copied behind it), configured as {@code DkimKeys.signer} configures it (RSA
 * by the JDK, Ed25519 by a Bouncy Castle provider instance); {@code bareSignature} is the one
 * signature operation of the same key and provider that DKIM cannot avoid ({@code SHA256withRSA}
 * over header data of the same size for RSA, Ed25519 over a SHA-256 hash for Ed25519). The target
 * is {@code sign} at most 1.2 times {@code bareSignature}. {@code bareSignatureOtherProvider} is
 * the same operation with the provider not chosen (Bouncy Castle for RSA, the JDK for Ed25519),
 * the measurement behind the choice.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -jar benchmarks/target/benchmarks.jar
 * DkimSigningBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DkimSigningBenchmark {
    @Param({"rsa-2048", "ed25519"})
    public String key;

    private DkimSigner signer;
    private byte[] message;
    private KeyPair pair;
    private byte[] headerData;
    private PrivateKey jdkKey;
    private PrivateKey bcKey;
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    @Setup
    public void setUp() throws Exception {
        boolean rsa = key.startsWith("rsa");
        KeyPairGenerator g = KeyPairGenerator.getInstance(rsa ? "RSA" : "Ed25519");
        if (rsa) {
            g.initialize(2048);
        }
        pair = g.generateKeyPair();
        signer = DkimSigner.builder().domain("ghe.example.com").keys(DkimSigningKey.of("s1", pair))
                .provider(DkimAlgorithm.ED25519_SHA256, BC).build();
        message = composed();
        byte[] signed = signer.sign(message);
        int headerEnd = indexOf(message, "\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int fieldLength = signed.length - message.length;
        headerData = new byte[headerEnd + fieldLength];
        Arrays.fill(headerData, (byte) 'h');
        jdkKey = pair.getPrivate();
        bcKey = KeyFactory.getInstance(rsa ? "RSA" : "Ed25519", BC)
                .generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
    }

    private static byte[] composed() {
        EmailSettings s = EmailSettings.builder().smtpHost("127.0.0.1").noReplyAddress("noreply@ghe.example.com")
                .hostname("ghe.example.com").build();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            text.append("The settings loader fails when the file is empty; this comment explains the fix in detail.\n");
        }
        Notification n = Notification.builder().thread(ThreadRef.issue("octo", "hello-world", 42, 1001)).eventId("c1")
                .reason(Reason.MENTION).actor(new Actor("monalisa", "Mona Lisa"))
                .recipient(new Recipient("octocat@example.com", 5, "octocat")).title("Crash when the settings file is empty")
                .textBody(text.toString()).htmlBody("<p>" + text.toString().replace("\n", "<br>\n") + "</p>")
                .threadUrl(URI.create("https://ghe.example.com/octo/hello-world/issues/42"))
                .unsubscribeUrl(URI.create("https://ghe.example.com/notifications/unsubscribe/AB12")).build();
        try (NotificationMailer m = NotificationMailer.builder().settings(s).keyRing(KeyRing.of(new byte[32]))
                .transport(new MemoryTransport()).build()) {
            return m.compose(n).content();
        }
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** @return the signed message: what a notification costs with DKIM on top of composing it */
    @Benchmark
    public byte[] sign() {
        return signer.sign(message);
    }

    /** @return one signature of the same key, by the provider the signer uses (the physical floor) */
    @Benchmark
    public byte[] bareSignature() throws GeneralSecurityException {
        return key.startsWith("rsa") ? signature(null, jdkKey) : signature(BC, bcKey);
    }

    /** @return the same signature by the provider not chosen: Bouncy Castle for RSA, the JDK for Ed25519 */
    @Benchmark
    public byte[] bareSignatureOtherProvider() throws GeneralSecurityException {
        return key.startsWith("rsa") ? signature(BC, bcKey) : signature(null, jdkKey);
    }

    private byte[] signature(java.security.Provider provider, PrivateKey k) throws GeneralSecurityException {
        boolean rsa = key.startsWith("rsa");
        String name = rsa ? "SHA256withRSA" : "Ed25519";
        Signature s = provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
        s.initSign(k);
        s.update(rsa ? headerData : MessageDigest.getInstance("SHA-256").digest(headerData));
        return s.sign();
    }
}
