package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.DkimKeyFile;
import dev.mailwright.core.DkimSettings;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.TrustedCertificates;
import dev.mailwright.core.dkim.DkimResult;
import dev.mailwright.core.dkim.DkimSignatureResult;
import dev.mailwright.core.dkim.DkimVerification;
import dev.mailwright.core.dkim.DkimVerifier;
import dev.mailwright.core.spi.DkimKeyLookup;
import dev.mailwright.core.testing.DkimPeers;
import dev.mailwright.smtp.spi.OutgoingMessage;
import dev.mailwright.smtp.testsupport.SmtpSink;
import dev.mailwright.smtp.testsupport.SubethaServer;
import dev.mailwright.smtp.testsupport.TestSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DKIM on the wire: notifications signed with the settings' keys (RSA, Ed25519, both), sent
 * through every path the bytes can take (the pipelined path that writes the text in one go, Angus's
 * data stream without PIPELINING and after STARTTLS, the connection pool under concurrency, the
 * memory and pickup transports), captured by the receiving peer, and verified by OpenDKIM's test
 * mode, dkimpy and Mailwright's verifier. The body has lines that start with a dot (dot-stuffed on
 * the wire, unstuffed by the receiver), trailing white space and tabs.
 */
class DkimWireTest {
    private static final KeyPair RSA = DkimPeers.rsa();
    private static final KeyPair ED = DkimPeers.ed25519();
    private static Path keyDir;
    private static final Map<String, String> RECORDS = new LinkedHashMap<>();
    private static final List<Path> SPOOLS = new ArrayList<>();

    /** Which keys sign. */
    enum Keys {
        RSA, ED25519, DUAL
    }

    @BeforeAll
    static void keys() throws IOException {
        keyDir = Files.createTempDirectory("dkim-keys-");
        Files.writeString(keyDir.resolve("rsa1.pem"), DkimPeers.pem(RSA.getPrivate()));
        Files.writeString(keyDir.resolve("ed1.pem"), DkimPeers.pem(ED.getPrivate()));
        RECORDS.put("rsa1._domainkey.ghe.example.com", dev.mailwright.core.dkim.DkimKeyRecord.format(RSA.getPublic()));
        RECORDS.put("ed1._domainkey.ghe.example.com", dev.mailwright.core.dkim.DkimKeyRecord.format(ED.getPublic()));
    }

    @AfterAll
    static void clean() throws IOException {
        for (Path d : SPOOLS) {
            delete(d);
        }
        delete(keyDir);
    }

    private static void delete(Path d) throws IOException {
        try (Stream<Path> files = Files.walk(d)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static DkimSettings dkim(Keys keys) {
        DkimKeyFile rsa = new DkimKeyFile("rsa1", keyDir.resolve("rsa1.pem"));
        DkimKeyFile ed = new DkimKeyFile("ed1", keyDir.resolve("ed1.pem"));
        return new DkimSettings(null, switch (keys) {
            case RSA -> List.of(rsa);
            case ED25519 -> List.of(ed);
            case DUAL -> List.of(rsa, ed);
        });
    }

    private static EmailSettings settings(int port, ConnectionSecurity security, Keys keys) {
        return TestSettings.plain("127.0.0.1", port, security).dkim(dkim(keys)).build();
    }

    static Notification notification(int i) {
        return Fixtures.issue().title("Dots and spaces #" + i)
                .textBody(".hidden line that starts with a dot\n..two dots\n.\ntrailing spaces   \n\ttabbed\tline\n"
                        + "x".repeat(200) + "\nend " + i)
                .build();
    }

    private static Path spool() throws IOException {
        Path spool = Files.createTempDirectory("dkim-sink-");
        Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwxrwxrwx"));
        SPOOLS.add(spool);
        return spool;
    }

    private static List<Path> awaitFiles(Path spool, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<Path> files;
            try (Stream<Path> s = Files.list(spool)) {
                files = s.sorted().toList();
            }
            if (files.size() >= n || System.nanoTime() > deadline) {
                assertThat(files).hasSize(n);
                Thread.sleep(100); // smtp-sink closes a dump file just after its reply
                return files;
            }
            Thread.sleep(20);
        }
    }

    private static DkimVerification mailwrightVerify(byte[] message) {
        return DkimVerifier.builder().keyLookup(DkimKeyLookup.of(RECORDS)).build().verify(message);
    }

    private static void assertAllVerify(List<Path> files, Keys keys) throws IOException {
        int per = keys == Keys.DUAL ? 2 : 1;
        String opendkim = DkimPeers.opendkimVerify(files, RECORDS);
        assertThat(DkimPeers.opendkimPasses(opendkim)).as(opendkim).isEqualTo((long) files.size() * per);
        assertThat(opendkim).doesNotContain("failed");
        for (Path f : files) {
            assertThat(DkimPeers.dkimpyVerify(f, RECORDS)).as("dkimpy on %s", f).isEqualTo(per == 2 ? "pass | pass" : "pass");
            DkimVerification v = mailwrightVerify(Files.readAllBytes(f));
            assertThat(v.signatures()).hasSize(per).allSatisfy(s -> assertThat(s.result()).as("%s", s).isEqualTo(DkimResult.PASS));
        }
    }

    @ParameterizedTest
    @EnumSource(Keys.class)
    void pipelinedPath_intoSmtpSink_verifiedByOpenDkimDkimpyAndMailwright(Keys keys) throws Exception {
        Path spool = spool();
        try (SmtpSink sink = SmtpSink.start("-d", spool + "/%H%M%S.");
                NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder()
                        .settings(settings(sink.port(), ConnectionSecurity.NONE, keys)).build(), settings(sink.port(), ConnectionSecurity.NONE, keys)).build()) {
            OutgoingMessage composed = mailer.compose(notification(1));
            assertThat(composed.text()).contains("\r\n.hidden line").contains("\r\n..two dots\r\n.\r\n");
            assertThat(mailer.send(notification(1)).isSent()).isTrue();
        }
        assertAllVerify(awaitFiles(spool, 1), keys);
    }

    @Test
    void withoutPipelining_angusDataStream_intoSmtpSink() throws Exception {
        Path spool = spool();
        try (SmtpSink sink = SmtpSink.start("-p", "-d", spool + "/%H%M%S.");
                NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder()
                        .settings(settings(sink.port(), ConnectionSecurity.NONE, Keys.DUAL)).build(), settings(sink.port(), ConnectionSecurity.NONE, Keys.DUAL)).build()) {
            assertThat(mailer.send(notification(2)).isSent()).isTrue();
        }
        assertAllVerify(awaitFiles(spool, 1), Keys.DUAL);
    }

    @Test
    void overStartTls_theServerReceivesExactlyTheSignedBytes() throws Exception {
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD)) {
            EmailSettings settings = TestSettings.plain("localhost", server.port(), ConnectionSecurity.STARTTLS_REQUIRED)
                    .dkim(dkim(Keys.DUAL)).build();
            try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(settings)
                    .trustedCertificates(TrustedCertificates.of(List.of(dev.mailwright.smtp.testsupport.TestTls.get().certificate())))
                    .build(), settings).build()) {
                byte[] signed = mailer.compose(notification(3)).content();
                assertThat(mailer.send(notification(3)).isSent()).isTrue();
                byte[] received = server.messages().get(0);
                String r = new String(received, StandardCharsets.ISO_8859_1);
                assertThat(r).endsWith(new String(signed, StandardCharsets.ISO_8859_1));
                Path f = Files.write(spool().resolve("starttls.eml"), received);
                assertAllVerify(List.of(f), Keys.DUAL);
            }
        }
    }

    @Test
    void connectionPool_fourConnections_everyMessageVerifies() throws Exception {
        Path spool = spool();
        int n = 24;
        try (SmtpSink sink = SmtpSink.start("-d", spool + "/%H%M%S.");
                NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder()
                        .settings(settings(sink.port(), ConnectionSecurity.NONE, Keys.DUAL)).maxConnections(4).build(), settings(sink.port(), ConnectionSecurity.NONE, Keys.DUAL)).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<SendResult>> results = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int k = i;
                    results.add(pool.submit(() -> mailer.send(notification(100 + k))));
                }
                for (Future<SendResult> r : results) {
                    assertThat(r.get().isSent()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<Path> files = awaitFiles(spool, n);
        String opendkim = DkimPeers.opendkimVerify(files, RECORDS);
        assertThat(DkimPeers.opendkimPasses(opendkim)).as(opendkim).isEqualTo(2L * n);
        for (Path f : files) {
            assertThat(mailwrightVerify(Files.readAllBytes(f)).signatures()).extracting(DkimSignatureResult::result)
                    .containsExactly(DkimResult.PASS, DkimResult.PASS);
        }
    }

    @Test
    void memoryAndPickupTransports_holdTheSignedBytes() throws Exception {
        Path out = spool().resolve("pickup");
        EmailSettings settings = settings(2525, ConnectionSecurity.NONE, Keys.DUAL);
        MemoryTransport memory = new MemoryTransport();
        try (NotificationMailer m = Fixtures.mailer(memory, settings).build();
                NotificationMailer p = Fixtures.mailer(MailTransports.open("pickup:" + out, settings), settings).build()) {
            assertThat(m.send(notification(4)).isSent()).isTrue();
            assertThat(p.send(notification(4)).isSent()).isTrue();
        }
        Path fromMemory = Files.write(out.resolveSibling("memory.eml"), memory.single().content());
        List<Path> picked;
        try (Stream<Path> s = Files.list(out)) {
            picked = s.toList();
        }
        assertThat(picked).hasSize(1);
        assertThat(Files.readAllBytes(picked.get(0))).isEqualTo(memory.single().content());
        assertAllVerify(List.of(fromMemory, picked.get(0)), Keys.DUAL);
    }

    @Test
    void oneClickUnsubscribeHeaders_areSigned_andAnyChangeToThemFailsEveryVerifier() throws Exception {
        Path spool = spool();
        try (SmtpSink sink = SmtpSink.start("-d", spool + "/%H%M%S.");
                NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder()
                        .settings(settings(sink.port(), ConnectionSecurity.NONE, Keys.RSA)).build(), settings(sink.port(), ConnectionSecurity.NONE, Keys.RSA)).build()) {
            assertThat(mailer.send(notification(5)).isSent()).isTrue();
        }
        Path f = awaitFiles(spool, 1).get(0);
        String captured = Files.readString(f, StandardCharsets.ISO_8859_1);
        assertThat(captured).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                .contains("<https://ghe.example.com/notifications/unsubscribe/AB12CD>");
        String h = captured.substring(captured.indexOf("h="), captured.indexOf("bh=")).replaceAll("\\s", "");
        assertThat(h).contains(":list-unsubscribe:list-unsubscribe:").contains(":list-unsubscribe-post:list-unsubscribe-post:");
        List<String> tampered = List.of(
                captured.replace("unsubscribe/AB12CD", "unsubscribe/EVIL99"),
                captured.replace("List-Unsubscribe-Post: List-Unsubscribe=One-Click\n", ""),
                captured.replace("List-Unsubscribe-Post: List-Unsubscribe=One-Click\n",
                        "List-Unsubscribe-Post: List-Unsubscribe=One-Click\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n"));
        for (String t : tampered) {
            assertThat(t).isNotEqualTo(captured);
            Path bad = Files.writeString(spool.resolve("tampered.eml"), t, StandardCharsets.ISO_8859_1);
            assertThat(DkimPeers.opendkimVerify(bad, RECORDS)).contains("failed");
            assertThat(DkimPeers.dkimpyVerify(bad, RECORDS)).startsWith("fail");
            assertThat(mailwrightVerify(t.getBytes(StandardCharsets.ISO_8859_1)).signatures().get(0).result())
                    .isEqualTo(DkimResult.FAIL);
        }
    }
}
