package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.inbound.spi.MailSource;
import dev.mailwright.inbound.spi.SourceMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/** Whatever arrives, the pipeline files it with a reason: never dropped, never a crash. */
class MalformedInputProperties {
    private final Path state;
    private final InboundPipeline pipeline;

    MalformedInputProperties() throws Exception {
        state = Files.createTempDirectory("mw-props");
        pipeline = InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST).ledgerDirectory(state)
                .maxParts(20).handler(r -> { }).build();
    }

    @AfterProperty
    void close() {
        pipeline.close();
    }

    /** A source holding one message that records how it was filed. */
    private static final class OneMessage implements MailSource {
        private final List<SourceMessage> waiting = new ArrayList<>();
        final List<Disposition> filed = new ArrayList<>();

        OneMessage(byte[] content) {
            waiting.add(new SourceMessage("m", "memory:m", content, 1));
        }

        @Override
        public String description() {
            return "memory";
        }

        @Override
        public List<SourceMessage> claim(int max) {
            List<SourceMessage> out = new ArrayList<>(waiting);
            waiting.clear();
            return out;
        }

        @Override
        public void file(SourceMessage message, Disposition disposition, String reason) {
            assertThat(reason).isNotBlank();
            filed.add(disposition);
        }

        @Override
        public void close() {
        }
    }

    @Property(tries = 300)
    void anyInput_isFiledExactlyOnce(@ForAll("messages") String text) {
        OneMessage source = new OneMessage(text.getBytes(StandardCharsets.UTF_8));

        BatchSummary summary = pipeline.drain(source);

        assertThat(summary.total()).isEqualTo(1);
        assertThat(source.filed).hasSize(1);
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> header = Arbitraries.of("From: a@b.c", "From: <<>>", "To: " + Fixtures.replyAddress(1, 5),
                "To: reply+i-1-" + "f".repeat(40) + "-5@reply." + Fixtures.HOST, "Content-Type: multipart/mixed; boundary=x",
                "Content-Type: multipart/alternative", "Content-Type: text/html; charset=nonexistent-7",
                "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable", "Message-ID: <m@x>",
                "Auto-Submitted: no", "Subject: =?utf-8?B?invalid?=", "MIME-Version: 1.0", "Return-Path: <>", "\u0000\u00ff");
        Arbitrary<String> body = Arbitraries.strings().ofMaxLength(200).map(s -> s + "\n--x\nContent-Type: text/plain\n\n"
                + s + "\n--x--\n");
        return Arbitraries.strings().ofMaxLength(1).flatMap(ignored -> header.list().ofMaxSize(8)
                .flatMap(hs -> body.map(b -> String.join("\n", hs) + "\n\n" + b)));
    }
}
