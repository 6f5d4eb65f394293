package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.BounceAddressCodec;
import dev.mailwright.core.BounceAddressResult;
import dev.mailwright.core.BounceTarget;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import dev.mailwright.core.smtp.FailureCategory;
import dev.mailwright.core.suppression.DeliveryProblem;
import dev.mailwright.core.suppression.SuppressionEntry;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.core.suppression.SuppressionStores;
import dev.mailwright.smtp.testsupport.SmtpSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounce address (VERP) as the envelope sender on every path a notification takes: the
 * pipelined one-round-trip transaction, Angus's command path without PIPELINING, the pool under
 * concurrency, and a custom bounce domain. smtp-sink records each {@code MAIL FROM} in its dumps
 * ({@code X-Mail-Args}). Then the suppression list: permanent refusals at RCPT count, a suppressed
 * recipient is not sent to.
 */
class BounceAddressWireTest {
    @TempDir
    Path tmp;
    private final List<Path> spools = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void clean() throws Exception {
        for (Path d : spools) {
            try (Stream<Path> files = Files.walk(d)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private EmailSettings settings(int port) {
        return Fixtures.settings("127.0.0.1", port, ConnectionSecurity.NONE);
    }

    private Path spool() throws Exception {
        Path spool = Files.createTempDirectory("verp-sink-"); // smtp-sink writes as nobody: not under @TempDir (0700)
        spools.add(spool);
        Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwxrwxrwx"));
        return spool;
    }

    private static Notification to(String address, long user, int event) {
        return Fixtures.issue().eventId("c" + event).recipient(new Recipient(address, user, "user" + user)).build();
    }

    /** @return per dump: the MAIL FROM and RCPT TO addresses smtp-sink recorded */
    private static List<String[]> envelopes(Path spool, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Path> files;
        do {
            Thread.sleep(50);
            try (Stream<Path> s = Files.list(spool)) {
                files = s.sorted().toList();
            }
        } while (files.size() < n && System.nanoTime() < deadline);
        Thread.sleep(100);
        assertThat(files).hasSize(n);
        List<String[]> out = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f);
            out.add(new String[] {header(text, "X-Mail-Args"), header(text, "X-Rcpt-Args")});
        }
        return out;
    }

    private static String header(String text, String name) {
        int i = text.indexOf(name + ": <");
        return text.substring(i + name.length() + 3, text.indexOf('>', i));
    }

    private static BounceAddressResult decode(EmailSettings settings, String address) {
        return BounceAddressCodec.of(Fixtures.keys(), settings).decode(address);
    }

    @Test
    void pipelinedPath_mailFromIsTheSignedBounceAddressOfNotificationAndRecipient() throws Exception {
        Path spool = spool();
        try (SmtpSink sink = SmtpSink.start("-d", spool + "/%H%M%S.");
                NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(settings(sink.port())).build(), settings(sink.port())).build()) {
            assertThat(mailer.send(to("First.Last@Example.org", 5, 1)).isSent()).isTrue();
            String[] env = envelopes(spool, 1).get(0);
            assertThat(env[0]).startsWith("bounce+i-1001-5-").endsWith("-first.last=example.org@noreply.ghe.example.com");
            assertThat(decode(settings(sink.port()), env[0])).isEqualTo(new BounceAddressResult.Valid(
                    new BounceTarget(new ReplyTarget(ThreadType.ISSUE, 1001, 5), "first.last@example.org"), true));
        }
    }

    @Test
    void angusCommandPath_withoutPipelining_andACustomBounceDomain() throws Exception {
        Path spool = spool();
        try (SmtpSink sink = SmtpSink.start("-p", "-d", spool + "/%H%M%S.")) {
            EmailSettings s = settings(sink.port()).toBuilder().bounceDomain("bounces.example.net").build();
            try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(s).build(), s).build()) {
                assertThat(mailer.send(to("octocat@example.com", 5, 2)).isSent()).isTrue();
            }
            String[] env = envelopes(spool, 1).get(0);
            assertThat(env[0]).endsWith("-octocat=example.com@bounces.example.net");
            assertThat(decode(s, env[0]).isValid()).isTrue();
        }
    }

    @Test
    void connectionPool_eachMessageCarriesItsOwnRecipientsBounceAddress() throws Exception {
        Path spool = spool();
        int n = 16;
        try (SmtpSink sink = SmtpSink.start("-d", spool + "/%H%M%S.");
                NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(settings(sink.port()))
                        .maxConnections(4).build(), settings(sink.port())).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<SendResult>> results = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int k = i;
                    results.add(pool.submit(() -> mailer.send(to("user" + k + "@example.com", 100 + k, k))));
                }
                for (Future<SendResult> r : results) {
                    assertThat(r.get().isSent()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
            Map<String, Long> seen = new HashMap<>();
            for (String[] env : envelopes(spool, n)) {
                BounceAddressResult r = decode(settings(sink.port()), env[0]);
                assertThat(r).isInstanceOf(BounceAddressResult.Valid.class);
                BounceTarget t = ((BounceAddressResult.Valid) r).target();
                assertThat(t.recipient()).isEqualTo(env[1]);
                seen.put(t.recipient(), t.notification().userId());
            }
            assertThat(seen).hasSize(n).containsEntry("user7@example.com", 107L);
        }
    }

    @Test
    void bounceAddressesOff_sendsFromTheNoReplyAddress() {
        MemoryTransport memory = new MemoryTransport();
        try (NotificationMailer mailer = Fixtures.mailer(memory).bounceAddresses(false).build()) {
            assertThat(mailer.send(to("octocat@example.com", 5, 3)).isSent()).isTrue();
        }
        assertThat(memory.single().envelopeFrom()).isEqualTo("noreply@ghe.example.com");
    }

    @Test
    void permanentRefusalsAtRcpt_countAsHardBounces_untilTheRecipientIsSuppressed_andNotSentTo() throws Exception {
        try (SmtpSink sink = SmtpSink.start("-B", "550 5.1.1 User unknown", "-f", "RCPT");
                SuppressionList list = SuppressionList.builder().store(SuppressionStores.file(tmp.resolve("s.tsv"))).build();
                NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(settings(sink.port())).build(), settings(sink.port())).suppressionList(list).build()) {
            SendResult first = mailer.send(to("gone@example.com", 5, 10));
            assertThat(first).isInstanceOf(SendResult.Failed.class);
            assertThat(((SendResult.Failed) first).category()).isEqualTo(FailureCategory.RECIPIENT_REJECTED);
            SuppressionEntry e = list.status("gone@example.com").orElseThrow();
            assertThat(e.score()).isEqualTo(2);
            assertThat(e.lastProblem()).isEqualTo(DeliveryProblem.HARD_BOUNCE);
            assertThat(e.lastDetail()).contains("550 5.1.1");
            assertThat(mailer.send(to("gone@example.com", 5, 11))).isInstanceOf(SendResult.Failed.class);
            assertThat(list.isSuppressed("gone@example.com")).isTrue();

            SendResult third = mailer.send(to("Gone@example.com", 5, 12));
            assertThat(third).isInstanceOf(SendResult.Suppressed.class);
            assertThat(third.attempts()).isZero();
            assertThat(third.recipients()).extracting(RecipientStatus::address).containsExactly("gone@example.com");
            assertThat(((SendResult.Suppressed) third).suppressed().get(0).hardBounces()).isEqualTo(2);
        }
    }

    @Test
    void aTransientRefusalAtRcpt_doesNotCount() throws Exception {
        try (SmtpSink sink = SmtpSink.start("-b", "450 4.2.2 Mailbox full", "-r", "RCPT");
                SuppressionList list = SuppressionList.builder().store(SuppressionStores.memory()).build();
                NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(settings(sink.port())).build(), settings(sink.port())).retry(RetryPolicy.NONE).suppressionList(list).build()) {
            assertThat(mailer.send(to("full@example.com", 5, 20))).isInstanceOf(SendResult.Failed.class);
            assertThat(list.status("full@example.com")).isEmpty();
        }
    }

    @Test
    void deliver_leavesSuppressedRecipientsOut_andSendsToTheRest() {
        MemoryTransport memory = new MemoryTransport();
        try (SuppressionList list = SuppressionList.builder().store(SuppressionStores.memory()).build();
                NotificationMailer mailer = Fixtures.mailer(memory).suppressionList(list).build()) {
            list.record("spam-reporter@example.com", DeliveryProblem.COMPLAINT, "abuse", "<arf@fbl>");
            var composed = mailer.compose(to("ok@example.com", 6, 30));
            SendResult r = mailer.deliver(new dev.mailwright.smtp.spi.OutgoingMessage(composed.messageId(),
                    composed.envelopeFrom(), List.of("ok@example.com", "spam-reporter@example.com"), composed.content(),
                    composed.deadline()));
            assertThat(r.isSent()).isTrue();
            assertThat(memory.single().recipients()).containsExactly("ok@example.com");
        }
    }
}
