package dev.mailwright.inbound;

import static dev.mailwright.inbound.Fixtures.deliver;
import static dev.mailwright.inbound.Fixtures.postfixName;
import static dev.mailwright.inbound.Fixtures.replyAddress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.BounceAddressCodec;
import dev.mailwright.core.BounceTarget;
import dev.mailwright.core.NewThreadScope;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.core.suppression.SuppressionStores;
import dev.mailwright.inbound.bounce.BounceClassification;
import dev.mailwright.inbound.bounce.BounceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing stages: new-thread mail to its handler, bounces to the bounce handler and the suppression list. */
class InboundRoutingTest {
    private static final BounceAddressCodec BOUNCES = new BounceAddressCodec(Fixtures.KEYS, "noreply.ghe.example.com");
    private static final String VERP = BOUNCES.encode(new BounceTarget(new ReplyTarget(ThreadType.ISSUE, 1001, 5),
            "octocat@example.com")).orElseThrow();

    @TempDir
    Path dir;

    private final List<DeliveredReply> handled = new CopyOnWriteArrayList<>();
    private final List<NewThreadMail> threads = new CopyOnWriteArrayList<>();
    private final List<RejectionNotice> notices = new CopyOnWriteArrayList<>();

    private InboundPipeline.Builder pipeline() {
        return InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                .ledgerDirectory(dir.resolve("state")).handler(handled::add).rejectionNotifier(notices::add);
    }

    private Path maildir() {
        return dir.resolve("maildir");
    }

    private BatchSummary drain(InboundPipeline.Builder builder) {
        return Fixtures.drain(builder, maildir());
    }

    private String reason(String folder, String name) throws IOException {
        return Fixtures.reason(dir, folder, name);
    }

    private static String newThreadMail(String messageId, String to, String body) {
        return Fixtures.reply(messageId, to, body).replace("Subject: Re: [org/repo] Fix the build (#1)",
                "Subject: Dark theme, please").replaceAll("(?s)\n\nOn Wed.*", "\n");
    }

    @Test
    void mailToANewThreadAddress_goesToTheNewThreadHandlerOnce_withItsSignatureCut() throws IOException {
        String to = Fixtures.CODEC.encodeNewThread(new NewThreadScope("repo", "42"));
        String mail = newThreadMail("<nt@me.com>", to, "Please add a dark theme.\n\n> not a quote of ours\n-- \nTim");
        deliver(maildir(), postfixName(1), mail);
        deliver(maildir(), postfixName(2), mail.replace("Received:", "X-Redelivered: yes\nReceived:"));

        BatchSummary summary = drain(pipeline().newThreadHandler(m -> {
            threads.add(m);
            return new NewThreadDecision.Created("acme/widgets#7");
        }));

        assertThat(summary.delivered()).isEqualTo(1);
        assertThat(summary.discarded()).as("the same mail again is a duplicate").isEqualTo(1);
        assertThat(handled).as("never a comment").isEmpty();
        assertThat(threads).singleElement().satisfies(m -> {
            assertThat(m.scope()).isEqualTo(new NewThreadScope("repo", "42"));
            assertThat(m.sender()).isEqualTo("tcook@icloud.com");
            assertThat(m.senderName()).isEqualTo("Tim Cook");
            assertThat(m.subject()).isEqualTo("Dark theme, please");
            assertThat(m.text()).isEqualTo("Please add a dark theme.\n\n> not a quote of ours");
            assertThat(m.signature()).isEqualTo("Tim");
            assertThat(m.senderVerdict().reason()).contains("new-thread handler decides");
            assertThat(m.possibleRedelivery()).isFalse();
        });
        assertThat(reason("success", postfixName(1))).contains("new thread in repo 42: created acme/widgets#7")
                .endsWith("stage: deliver\n");
        assertThat(reason("discarded", postfixName(2))).contains("duplicate");
    }

    @Test
    void aRefusedNewThread_isFiledWithTheHostsCode_andTheSenderToldWhenAsked_aForgedAddressIsRejected() throws IOException {
        String to = Fixtures.CODEC.encodeNewThread(new NewThreadScope("repo", "42"));
        deliver(maildir(), postfixName(1), newThreadMail("<nt1@me.com>", to, "Hello"));
        deliver(maildir(), postfixName(2), newThreadMail("<nt2@me.com>", to.replace("-42-", "-43-"), "Hello"));

        BatchSummary summary = drain(pipeline().newThreadHandler(m -> new NewThreadDecision.Refused(
                "newthread.unknown-sender", "only members may open issues by mail", true)));

        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(reason("failure", postfixName(1))).contains("newthread.unknown-sender").endsWith("stage: deliver\n");
        assertThat(reason("failure", postfixName(2))).contains("address.forged").contains("new-thread address")
                .contains("repo 43").endsWith("stage: recipient\n");
        assertThat(notices).extracting(RejectionNotice::code)
                .containsExactlyInAnyOrder("newthread.unknown-sender", "address.forged");
    }

    @Test
    void theListenerTakesMailForANewThreadAddress_andThePipelineRoutesIt() throws Exception {
        String to = Fixtures.CODEC.encodeNewThread(new NewThreadScope("queue", "support"));
        try (InboundPipeline pipeline = pipeline().newThreadHandler(m -> {
                    threads.add(m);
                    return new NewThreadDecision.HeldForModeration("sender has no account");
                }).build();
                InboundListener listener = Fixtures.listener(dir).build().start();
                MaildirSource source = MaildirSource.builder(maildir()).open()) {
            try (RawSmtp c = RawSmtp.connect(listener.port())) {
                c.send("EHLO mx.example.org\r\nMAIL FROM:<someone@example.org>\r\nRCPT TO:<" + to + ">\r\nDATA\r\n"
                        + "From: Someone <someone@example.org>\r\nMessage-ID: <help@example.org>\r\n"
                        + "Subject: My build fails\r\n\r\nIt fails since Monday.\r\n.\r\nQUIT\r\n");
                assertThat(c.repliesUntilClosed(10)).anySatisfy(r -> assertThat(r).startsWith("250 2.0.0"));
            }
            BatchSummary summary = pipeline.drain(source);
            assertThat(summary.delivered()).isEqualTo(1);
        }
        assertThat(threads).singleElement().satisfies(m -> {
            assertThat(m.scope()).isEqualTo(new NewThreadScope("queue", "support"));
            assertThat(m.text()).isEqualTo("It fails since Monday.");
            assertThat(m.original().content()).isNotEmpty();
        });
    }

    private static String bounce(String name, String verp) throws IOException {
        try (InputStream in = InboundRoutingTest.class.getResourceAsStream("/bounces/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{VERP}}", verp);
        }
    }

    @Test
    void aBounceToTheVerpAddress_isCountedAndHandedToTheHost_forgedAndUnattributedOnesSuppressNobody() throws IOException {
        deliver(maildir(), postfixName(1), bounce("rfc3464-hard.eml", VERP));
        String forged = VERP.replace("-octocat=", "-hubot=");
        deliver(maildir(), postfixName(2), bounce("rfc3464-hard.eml", forged));
        deliver(maildir(), postfixName(3), bounce("rfc3464-hard.eml", "noreply@ghe.example.com"));
        deliver(maildir(), postfixName(4), Fixtures.reply("<r@me.com>", replyAddress(1, 5), "A reply still works."));
        List<BounceEvent> events = new CopyOnWriteArrayList<>();

        BatchSummary summary;
        try (SuppressionList list = SuppressionList.builder().store(SuppressionStores.file(dir.resolve("s.tsv"))).build()) {
            summary = drain(pipeline().bounceHandler(events::add).suppressionList(list));
            assertThat(list.status("octocat@example.com").orElseThrow().hardBounces()).isEqualTo(1);
            assertThat(list.entries()).hasSize(1);
        }

        assertThat(summary.delivered()).isEqualTo(2);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.recipient()).isEqualTo("octocat@example.com");
            assertThat(e.notification()).isEqualTo(new ReplyTarget(ThreadType.ISSUE, 1001, 5));
            assertThat(e.classification()).isInstanceOf(BounceClassification.Hard.class);
        });
        assertThat(handled).singleElement().satisfies(r -> assertThat(r.text()).isEqualTo("A reply still works."));
        assertThat(reason("success", postfixName(1))).contains("bounce: hard bounce").contains("octocat@example.com")
                .contains("suppression list: score").contains("handed to the bounce handler").endsWith("stage: bounce\n");
        assertThat(reason("failure", postfixName(2))).contains("bounce.forged").endsWith("stage: bounce\n");
        assertThat(reason("discarded", postfixName(3))).contains("bounce.unattributed").endsWith("stage: bounce\n");
        assertThat(notices).as("a bounce is never answered").isEmpty();
    }

    @Test
    void withoutBounces_aDsnIsStillDiscardedAsAutomatedMail() throws IOException {
        deliver(maildir(), postfixName(1), bounce("rfc3464-hard.eml", VERP));

        BatchSummary summary = drain(pipeline());

        assertThat(summary.discarded()).isEqualTo(1);
        assertThat(reason("discarded", postfixName(1))).contains("automated.").endsWith("stage: automated-guard\n");
    }

    @Test
    void aFailingBounceHandler_isRetried_andTheSuppressionListCountsTheReportOnce() throws IOException {
        deliver(maildir(), postfixName(1), bounce("rfc3464-hard.eml", VERP));
        MaildirPipelineTest.MutableClock clock = new MaildirPipelineTest.MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        try (SuppressionList list = SuppressionList.builder().store(SuppressionStores.file(dir.resolve("s.tsv"))).build();
                InboundPipeline p = pipeline().bounceHandler(e -> {
                    throw new IllegalStateException("database is down");
                }).suppressionList(list).clock(clock).maxAttempts(2).build();
                MaildirSource source = MaildirSource.builder(maildir()).clock(clock).open()) {
            assertThat(p.drain(source).retried()).isEqualTo(1);
            clock.advance(java.time.Duration.ofMinutes(2));
            assertThat(p.drain(source).rejected()).isEqualTo(1);
            assertThat(list.status("octocat@example.com").orElseThrow().hardBounces()).isEqualTo(1);
        }
        assertThat(reason("failure", postfixName(1))).contains("handler.failed").contains("database is down")
                .endsWith("stage: bounce\n");
    }
}
