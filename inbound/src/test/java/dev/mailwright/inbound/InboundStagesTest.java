package dev.mailwright.inbound;

import static dev.mailwright.inbound.Fixtures.deliver;
import static dev.mailwright.inbound.Fixtures.postfixName;
import static dev.mailwright.inbound.Fixtures.replyAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.inbound.spi.InboundStage;
import dev.mailwright.inbound.spi.StageContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline as a chain of named stages: order, host stages, the context they see, the filed reasons. */
class InboundStagesTest {
    @TempDir
    Path dir;

    private final List<DeliveredReply> handled = new CopyOnWriteArrayList<>();

    private InboundPipeline.Builder pipeline() {
        return InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                .ledgerDirectory(dir.resolve("state")).handler(handled::add).trustedAuthServIds("mx.ghe.example.com");
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

    @Test
    void theBuiltInStagesRunInTheirDocumentedOrder_bounceOnlyWhenConfigured() {
        try (InboundPipeline p = pipeline().build()) {
            assertThat(p.stages()).containsExactly("parse", "automated-guard", "recipient", "sender-check",
                    "unsubscribe", "new-thread", "extract", "deliver");
        }
        try (InboundPipeline p = InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                .ledgerDirectory(dir.resolve("state2")).handler(handled::add).bounceHandler(e -> { }).build()) {
            assertThat(p.stages()).isEqualTo(InboundStage.BUILT_IN);
        }
    }

    @Test
    void hostStagesGoWhereTheyAreNamed_inTheOrderTheyWereAdded() {
        InboundStage pass = StageContext::pass;
        try (InboundPipeline p = pipeline().stageAfter("recipient", "a", pass).stageAfter("recipient", "b", pass)
                .stageBefore("deliver", "audit", pass).stageBefore("parse", "size-policy", pass)
                .stageAfter("a", "a2", pass).stageBefore("bounce", "early", pass).build()) {
            assertThat(p.stages()).containsExactly("size-policy", "parse", "early", "automated-guard", "recipient",
                    "a", "a2", "b", "sender-check", "unsubscribe", "new-thread", "extract", "audit", "deliver");
        }
    }

    @Test
    void theBuilderRefusesAStageAfterDeliver_anUnknownPlace_aTakenName_andAPropertySetTwice() {
        InboundStage pass = StageContext::pass;
        assertThatThrownBy(() -> pipeline().stageAfter("deliver", "late", pass))
                .hasMessageContaining("no stage can follow 'deliver'");
        assertThatThrownBy(() -> pipeline().stageBefore("spam", "x", pass))
                .hasMessageContaining("no stage named 'spam'").hasMessageContaining("parse");
        assertThatThrownBy(() -> pipeline().stageBefore("parse", "x", pass).stageAfter("parse", "x", pass))
                .hasMessageContaining("stage x was already set");
        assertThatThrownBy(() -> pipeline().stageBefore("parse", "recipient", pass))
                .hasMessageContaining("'recipient'").hasMessageContaining("built-in");
        assertThatThrownBy(() -> pipeline().maxAttempts(2).maxAttempts(3))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("InboundPipeline.Builder: maxAttempts");
        assertThatThrownBy(() -> pipeline().senderCheck(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("senderCheck");
    }

    @Test
    void aSpamGate_seesTheEnvelopeAndTheMessage_andTheFiledReasonNamesIt() throws IOException {
        String to = replyAddress(1, 5);
        deliver(maildir(), postfixName(1), Fixtures.reply("<ham@me.com>", to, "Looks good."));
        deliver(maildir(), postfixName(2), Fixtures.reply("<spam@me.com>", to, "Buy now.")
                .replace("Subject:", "X-Spam-Flag: YES\nSubject:"));
        List<Envelope> seen = new CopyOnWriteArrayList<>();
        List<Optional<DecodeResult>> addresses = new CopyOnWriteArrayList<>();
        InboundStage gate = ctx -> {
            seen.add(ctx.envelope());
            addresses.add(ctx.address());
            String[] flag = ctx.message().getHeader("X-Spam-Flag");
            return flag != null ? ctx.stop(new Disposition.Discarded("spam", "X-Spam-Flag: " + flag[0])) : ctx.pass();
        };
        List<Optional<DecodeResult>> later = new CopyOnWriteArrayList<>();
        InboundStage after = ctx -> {
            later.add(ctx.address());
            return ctx.pass();
        };

        BatchSummary summary = drain(pipeline().stageBefore("recipient", "spam-gate", gate)
                .stageAfter("recipient", "after", after));

        assertThat(summary.delivered()).isEqualTo(1);
        assertThat(summary.discarded()).isEqualTo(1);
        assertThat(handled).singleElement().satisfies(r -> assertThat(r.messageId()).isEqualTo("<ham@me.com>"));
        assertThat(reason("discarded", postfixName(2))).contains("discarded: spam: X-Spam-Flag: YES")
                .endsWith("stage: spam-gate\n");
        assertThat(reason("success", postfixName(1))).contains("delivered to ISSUE 1 for user 5").endsWith("stage: deliver\n");
        assertThat(seen).hasSize(2).allSatisfy(e -> {
            assertThat(e.sender()).isEqualTo("tcook@icloud.com");
            assertThat(e.recipients()).containsExactly(to);
            assertThat(e.clientIp()).isEqualTo("17.172.124.250");
        });
        assertThat(addresses).as("the address is decoded by 'recipient', not before").hasSize(2)
                .allSatisfy(a -> assertThat(a).isEmpty());
        assertThat(later).singleElement().satisfies(a -> assertThat(a).get().isInstanceOf(DecodeResult.Valid.class));
    }

    @Test
    void aBuiltInStage_isNamedInTheReason_andAFailingHostStageFilesTheMessageAsFailure() throws IOException {
        deliver(maildir(), postfixName(1), Fixtures.reply("<forged@me.com>", Fixtures.forgedAddress(), "hi"));
        deliver(maildir(), postfixName(2), Fixtures.reply("<ok@me.com>", replyAddress(2, 5), "hi"));
        InboundStage broken = ctx -> {
            if (ctx.messageId().equals("<ok@me.com>")) {
                throw new IOException("the spam scorer is down");
            }
            return ctx.pass();
        };

        BatchSummary summary = drain(pipeline().stageAfter("sender-check", "broken", broken));

        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(handled).isEmpty();
        assertThat(reason("failure", postfixName(1))).contains("address.forged").endsWith("stage: recipient\n");
        assertThat(reason("failure", postfixName(2))).contains("internal.error")
                .contains("IOException: the spam scorer is down").endsWith("stage: broken\n");
    }

    @Test
    void aStageBeforeParse_seesNoParsedMessage_andSaysWhereToPlaceIt() throws IOException {
        deliver(maildir(), postfixName(1), Fixtures.reply("<early@me.com>", replyAddress(1, 5), "hi"));

        drain(pipeline().stageBefore("parse", "early", ctx -> ctx.message() == null ? ctx.pass() : ctx.pass()));

        assertThat(reason("failure", postfixName(1))).contains("internal.error")
                .contains("the message is parsed only from the stage 'parse' on").endsWith("stage: early\n");
    }

    @Test
    void theEnvelopeOfAMaildirWithoutTraceFields_isUnknown() throws IOException {
        String to = replyAddress(1, 5);
        String bare = Fixtures.reply("<bare@me.com>", to, "hi");
        bare = bare.substring(bare.indexOf("Authentication-Results:"));
        deliver(maildir(), postfixName(1), bare);
        List<Envelope> seen = new CopyOnWriteArrayList<>();

        BatchSummary summary = drain(pipeline().stageAfter("parse", "look", ctx -> {
            seen.add(ctx.envelope());
            return ctx.pass();
        }));

        assertThat(summary.delivered()).as("the recipient comes from To").isEqualTo(1);
        assertThat(seen).containsExactly(Envelope.UNKNOWN);
    }

    @Test
    void anEnvelopeRefusesValuesThatCouldBreakTheRecordedHeader() {
        assertThatThrownBy(() -> Envelope.of("a@b.example\r\nBcc: x@y.example", "r@reply.ghe.example.com"))
                .hasMessageContaining("envelope sender");
        assertThatThrownBy(() -> Envelope.of("", "not an address"))
                .hasMessageContaining("envelope recipient").hasMessageContaining("not an address");
        assertThatThrownBy(() -> Envelope.UNKNOWN.withClientIp("1.2.3.4\r\nX: y"))
                .hasMessageContaining("not an IPv4 or IPv6 literal");
        assertThat(Envelope.of("A@B.example", "R@Reply.example").withClientIp("2001:db8::7"))
                .isEqualTo(new Envelope("a@b.example", List.of("r@reply.example"), "2001:db8::7"));
    }

    @Test
    void anEventListener_hearsEachMessageStageHandlerCallAndFiling_inOrder_withDurations() throws IOException {
        deliver(maildir(), postfixName(1), Fixtures.reply("<ok@me.com>", replyAddress(1, 5), "Looks good."));
        deliver(maildir(), postfixName(2), Fixtures.reply("<forged@me.com>", Fixtures.forgedAddress(), "hi"));
        List<String> heard = new CopyOnWriteArrayList<>();
        List<java.time.Duration> durations = new CopyOnWriteArrayList<>();
        InboundEventListener listener = new InboundEventListener() {
            @Override
            public void messageReceived(dev.mailwright.inbound.spi.SourceMessage m) {
                heard.add(m.id().substring(0, 10) + " received");
            }

            @Override
            public void stageFinished(dev.mailwright.inbound.spi.SourceMessage m, String stage,
                    dev.mailwright.inbound.spi.StageResult result, java.time.Duration d) {
                heard.add(m.id().substring(0, 10) + " " + stage + " "
                        + (result instanceof dev.mailwright.inbound.spi.StageResult.Pass ? "pass" : "stop"));
                durations.add(d);
            }

            @Override
            public void handlerCalled(dev.mailwright.inbound.spi.SourceMessage m, String handler, Disposition outcome,
                    java.time.Duration d) {
                heard.add(m.id().substring(0, 10) + " handler " + handler + " " + outcome.folder());
                durations.add(d);
            }

            @Override
            public void messageFiled(dev.mailwright.inbound.spi.SourceMessage m, Disposition d, String stage,
                    java.time.Duration total) {
                heard.add(m.id().substring(0, 10) + " filed " + d.folder() + " by " + stage);
                durations.add(total);
                throw new IllegalStateException("a broken listener changes nothing");
            }
        };

        BatchSummary summary = drain(pipeline().eventListener(listener));

        assertThat(summary.delivered()).isEqualTo(1);
        assertThat(summary.rejected()).isEqualTo(1);
        String ok = postfixName(1).substring(0, 10);
        String forged = postfixName(2).substring(0, 10);
        assertThat(heard.stream().filter(h -> h.startsWith(ok))).containsExactly(ok + " received", ok + " parse pass",
                ok + " automated-guard pass", ok + " recipient pass", ok + " sender-check pass", ok + " unsubscribe pass",
                ok + " new-thread pass", ok + " extract pass", ok + " handler reply success", ok + " deliver stop",
                ok + " filed success by deliver");
        assertThat(heard.stream().filter(h -> h.startsWith(forged))).containsExactly(forged + " received",
                forged + " parse pass", forged + " automated-guard pass", forged + " recipient stop",
                forged + " filed failure by recipient");
        assertThat(durations).hasSize(14).allSatisfy(d -> assertThat(d.isNegative()).isFalse());
    }
}
