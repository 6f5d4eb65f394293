package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.inbound.spi.MailSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline in the listener's process reading its spool directly ({@link InboundListener#source}). */
class ListenerSpoolSourceTest {
    @TempDir
    Path dir;

    private final List<DeliveredReply> handled = new CopyOnWriteArrayList<>();

    private InboundPipeline pipeline() {
        return InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST).ledgerDirectory(dir.resolve("state"))
                .handler(handled::add).build();
    }

    private InboundListener listener() {
        return Fixtures.listener(dir).spool(dir.resolve("spool")).build().start();
    }

    private static void send(int port, int first, int count, String body) throws IOException {
        try (RawSmtp c = RawSmtp.connect(port)) {
            StringBuilder b = new StringBuilder("EHLO mx.icloud.com\r\n");
            for (int i = first; i < first + count; i++) {
                b.append("MAIL FROM:<tcook@icloud.com>\r\nRCPT TO:<").append(Fixtures.replyAddress(i, 5)).append(">\r\nDATA\r\n")
                        .append("From: tcook@icloud.com\r\nMessage-ID: <s").append(i).append("@icloud.com>\r\nSubject: Re: x\r\n\r\n")
                        .append(body).append(' ').append(i).append("\r\n.\r\n");
            }
            c.send(b.append("QUIT\r\n").toString());
            assertThat(c.repliesUntilClosed(10 * count)).filteredOn(r -> r.startsWith("250 2.0.0")).hasSize(count);
        }
    }

    private long count(String folder) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(folder))) {
            return s.filter(p -> !p.toString().endsWith(".reason")).count();
        }
    }

    @Test
    void repliesGoFromTheSpoolToTheHandler_withoutAFileInNew() throws Exception {
        try (InboundPipeline pipeline = pipeline(); InboundListener listener = listener();
                MailSource source = listener.source(MaildirSource.builder(dir.resolve("maildir")).open())) {
            send(listener.port(), 1, 50, "LGTM");

            BatchSummary s = pipeline.drain(source);

            assertThat(s.delivered()).isEqualTo(50);
            assertThat(handled).hasSize(50);
            assertThat(handled.get(0).original().location()).startsWith("spool segment ");
            assertThat(count("maildir/new")).isZero();
            // archived in the mbox of the day, each with the reason it was filed; no file per message
            List<Path> archives = Files.list(dir.resolve("incoming-mail/success")).toList();
            assertThat(archives).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).matches("\\d{4}-\\d\\d-\\d\\d\\.mbox"));
            String mbox = Files.readString(archives.get(0), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(mbox.lines().filter(l -> l.startsWith("From MAILER-DAEMON "))).hasSize(50);
            assertThat(mbox.lines().filter(l -> l.startsWith("X-Mailwright-Filed: ") && l.contains("delivered to ISSUE")))
                    .hasSize(50);
            assertThat(mbox).contains("Message-ID: <s1@icloud.com>", "LGTM 50");
            assertThat(Files.readString(dir.resolve("spool").resolve(String.format("%016d.moved", 0)))).isNotBlank();
        }
        assertThat(count("maildir/new")).as("nothing left for the maildir after close").isZero();
    }

    @Test
    void aMessageOverTheRecordLimit_skipsTheSpool_andIsReadFromTheMaildir() throws Exception {
        try (InboundPipeline pipeline = pipeline(); InboundListener listener = listener();
                MailSource source = listener.source(MaildirSource.builder(dir.resolve("maildir")).open())) {
            send(listener.port(), 1, 1, "big " + "x".repeat(1_200_000));
            send(listener.port(), 2, 1, "small");

            BatchSummary s = pipeline.drain(source);

            assertThat(s.delivered()).isEqualTo(2);
            assertThat(handled).extracting(r -> r.original().location().startsWith("spool")).containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void whatThePipelineDidNotFile_goesToTheMaildirWhenItStops_andIsNeverHandledTwice() throws Exception {
        try (InboundListener listener = listener()) {
            send(listener.port(), 1, 20, "LGTM");
            try (InboundPipeline pipeline = pipeline();
                    MailSource source = listener.source(MaildirSource.builder(dir.resolve("maildir")).open())) {
                List<dev.mailwright.inbound.spi.SourceMessage> claimed = source.claim(5);
                assertThat(claimed).hasSize(5);
                // five claimed and never filed (the pipeline "died"), fifteen still in the spool
            }
        }
        assertThat(count("maildir/new")).isEqualTo(20);
        try (InboundPipeline pipeline = pipeline(); MaildirSource source = MaildirSource.builder(dir.resolve("maildir")).open()) {
            assertThat(pipeline.drain(source).delivered()).isEqualTo(20);
        }
        assertThat(handled).hasSize(20);
    }

    @Test
    void aSourceOnAnotherMaildir_isRefused() throws Exception {
        try (InboundListener listener = listener(); MaildirSource other = MaildirSource.builder(dir.resolve("other")).open()) {
            assertThatThrownBy(() -> listener.source(other)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not this listener's maildir");
        }
    }
}
