package dev.mailwright.inbound;

import static dev.mailwright.inbound.Fixtures.replyAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.inbound.spi.InboundStage;
import dev.mailwright.inbound.spi.MailSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw messages from anywhere ({@link InboundPipeline#accept}) and the envelope each source gives the stages. */
class InboundAcceptTest {
    @TempDir
    Path dir;

    private final List<DeliveredReply> handled = new CopyOnWriteArrayList<>();
    private final List<Envelope> envelopes = new CopyOnWriteArrayList<>();

    private InboundPipeline.Builder pipeline() {
        InboundStage look = ctx -> {
            envelopes.add(ctx.envelope());
            return ctx.pass();
        };
        return InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                .ledgerDirectory(dir.resolve("state")).handler(handled::add).stageAfter("parse", "look", look);
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String webhookReply(String messageId, String to, String body) {
        String r = Fixtures.reply(messageId, to, body);
        return r.substring(r.indexOf("Authentication-Results:")); // as a provider posts it: no trace fields
    }

    private List<String> filed(String folder) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("state").resolve("accepted-filed").resolve(folder))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String reasonOfOnly(String folder) throws IOException {
        String reason = filed(folder).stream().filter(n -> n.endsWith(".reason")).findFirst().orElseThrow();
        return Files.readString(dir.resolve("state/accepted-filed").resolve(folder).resolve(reason));
    }

    @Test
    void aRawMessage_isDeliveredWithItsEnvelope_andFiledLikeAnyOther() throws IOException {
        String to = replyAddress(3, 5);
        Disposition d;
        try (InboundPipeline p = pipeline().build()) {
            d = p.accept(bytes(webhookReply("<hook@me.com>", to, "Shipped it.")),
                    Envelope.of("tcook@icloud.com", to).withClientIp("2001:db8::25"));
        }

        assertThat(d).isInstanceOf(Disposition.Delivered.class);
        assertThat(handled).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("Shipped it.");
            assertThat(r.original().location()).startsWith("accepted message ");
            assertThat(new String(r.original().content(), StandardCharsets.UTF_8))
                    .startsWith("Return-Path: <tcook@icloud.com>\r\nDelivered-To: " + to + "\r\nReceived: from [2001:db8::25]");
        });
        assertThat(envelopes).containsExactly(new Envelope("tcook@icloud.com", List.of(to), "2001:db8::25"));
        assertThat(filed("success")).hasSize(2);
        assertThat(reasonOfOnly("success")).contains("delivered to ISSUE 3 for user 5").endsWith("stage: deliver\n");
    }

    @Test
    void badInputIsFiledWithItsReason_neverLost_andAnOversizedMessageKeepsItsFirstBytes() throws IOException {
        try (InboundPipeline p = pipeline().maxMessageBytes(2048).build()) {
            Disposition empty = p.accept(bytes(""), Envelope.UNKNOWN);
            assertThat(empty).isEqualTo(new Disposition.Rejected("parse.empty", "the message is empty"));

            Disposition forged = p.accept(bytes(webhookReply("<f@me.com>", Fixtures.forgedAddress(), "hi")),
                    Envelope.of("", Fixtures.forgedAddress()));
            assertThat(((Disposition.Rejected) forged).code()).isEqualTo("address.forged");

            String huge = webhookReply("<big@me.com>", replyAddress(1, 5), "x".repeat(10_000));
            Disposition big = p.accept(bytes(huge), Envelope.UNKNOWN);
            assertThat(((Disposition.Rejected) big).code()).isEqualTo("parse.too-large");
            assertThat(((Disposition.Rejected) big).reason()).contains("2048");
        }
        assertThat(handled).isEmpty();
        List<String> failures = filed("failure").stream().filter(n -> !n.endsWith(".reason")).toList();
        assertThat(failures).hasSize(3);
        String kept = failures.stream().map(n -> read(dir.resolve("state/accepted-filed/failure").resolve(n)))
                .filter(s -> s.contains("<big@me.com>")).findFirst().orElseThrow();
        assertThat(kept).contains("Received: from unknown").contains("x".repeat(100));
        assertThat(kept.length()).isLessThan(2048 + 400);
    }

    @Test
    void aFailingHandler_leavesTheAcceptedMessageForDrainAccepted() throws IOException {
        String to = replyAddress(4, 5);
        List<Integer> calls = new CopyOnWriteArrayList<>();
        try (InboundPipeline p = InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                .ledgerDirectory(dir.resolve("state")).backoff(java.time.Duration.ZERO).handler(r -> {
                    calls.add(1);
                    if (calls.size() == 1) {
                        throw new IllegalStateException("database is down");
                    }
                }).build()) {
            assertThat(p.accept(bytes(webhookReply("<later@me.com>", to, "later")), Envelope.UNKNOWN))
                    .isInstanceOf(Disposition.RetryLater.class);
            BatchSummary again = drainWhenDue(p);
            assertThat(again.delivered()).isEqualTo(1);
        }
        assertThat(calls).hasSize(2);
    }

    private static BatchSummary drainWhenDue(InboundPipeline p) {
        long deadline = System.nanoTime() + 30_000_000_000L; // the source looks at retry/ at most once a second
        BatchSummary s = BatchSummary.EMPTY;
        while (s.delivered() == 0 && System.nanoTime() < deadline) {
            s = p.drainAccepted();
            if (s.delivered() == 0) {
                sleep();
            }
        }
        return s;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void anEnvelopeThatCouldInjectHeaders_isRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> Envelope.of("x@y.example>\r\nBcc: <z@w.example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("envelope sender");
    }

    @Test
    void theListener_givesTheStagesTheEnvelopeItReceived() throws Exception {
        String to = replyAddress(6, 5);
        try (InboundPipeline pipeline = pipeline().build();
                InboundListener listener = Fixtures.listener(dir).spool(dir.resolve("spool")).build().start();
                MailSource source = listener.source(MaildirSource.builder(dir.resolve("maildir")).open())) {
            try (RawSmtp c = RawSmtp.connect(listener.port())) {
                c.send("EHLO mx.icloud.com\r\nMAIL FROM:<tcook@icloud.com>\r\nRCPT TO:<" + to + ">\r\nDATA\r\n"
                        + "From: tcook@icloud.com\r\nMessage-ID: <env@icloud.com>\r\nSubject: Re: x\r\n\r\nLGTM\r\n.\r\nQUIT\r\n");
                assertThat(c.repliesUntilClosed(10)).anySatisfy(r -> assertThat(r).startsWith("250 2.0.0"));
            }
            assertThat(pipeline.drain(source).delivered()).isEqualTo(1);
        }
        assertThat(envelopes).containsExactly(new Envelope("tcook@icloud.com", List.of(to), "127.0.0.1"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
