package dev.mailwright.inbound;

import static dev.mailwright.inbound.Fixtures.deliver;
import static dev.mailwright.inbound.Fixtures.postfixName;
import static dev.mailwright.inbound.Fixtures.replyAddress;
import static dev.mailwright.inbound.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's side of issue 13: what a sender writes into a message must not be taken for what the MTA wrote. */
class PipelineHostileInputTest {
    @TempDir
    Path dir;

    private final List<DeliveredReply> handled = new CopyOnWriteArrayList<>();
    private final List<RejectionNotice> notices = new CopyOnWriteArrayList<>();

    private Path maildir() {
        return dir.resolve("mail/reply");
    }

    private BatchSummary run(InboundPipeline.Builder b) {
        try (InboundPipeline p = b.build(); MaildirSource source = MaildirSource.builder(maildir()).open()) {
            return p.drain(source);
        }
    }

    private InboundPipeline.Builder pipeline() {
        return InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST).ledgerDirectory(dir.resolve("state"))
                .handler(handled::add).rejectionNotifier(notices::add);
    }

    /** A reply as the listener stores it: its own trace on top, then what the sender wrote. */
    private static String viaListener(String envelopeTo, String senderHeaders, String body) {
        return "Return-Path: <tcook@icloud.com>\r\nDelivered-To: " + envelopeTo + "\r\n"
                + "Received: from mx.icloud.com (/17.172.124.250:40000)\r\n\tby reply.ghe.example.com (Mailwright) with ESMTP"
                + " id X1\r\n\tfor <" + envelopeTo + ">; Thu, 1 Jan 2026 10:00:00 GMT\r\n"
                + senderHeaders + "From: Tim Cook <tcook@icloud.com>\r\nSubject: Re: x\r\n\r\n" + body + "\r\n";
    }

    /**
     * Regression (issue 13, defect 4): the delivery key was the Message-ID plus the body, so two
     * people answering "LGTM" to two threads, both without a Message-ID, made one key and the second
     * was discarded as a duplicate.
     */
    @Test
    void twoIdenticalRepliesWithoutMessageId_toTwoThreadsFromTwoPeople_areBothDelivered() throws IOException {
        deliver(maildir(), postfixName(1), viaListener(replyAddress(1, 5), "", "LGTM"));
        deliver(maildir(), postfixName(2), viaListener(replyAddress(2, 6), "", "LGTM").replace("tcook@", "jdoe@"));
        deliver(maildir(), postfixName(3), viaListener(replyAddress(1, 5), "", "LGTM")); // the same reply again

        BatchSummary s = run(pipeline());

        assertThat(s.delivered()).isEqualTo(2);
        assertThat(s.discarded()).isEqualTo(1);
        assertThat(handled).extracting(r -> r.target().id() + "/" + r.sender()).containsExactlyInAnyOrder("1/tcook@icloud.com",
                "2/jdoe@icloud.com");
        assertThat(handled.get(0).deliveryKey()).isNotEqualTo(handled.get(1).deliveryKey());
    }

    /**
     * Regression (issue 13, defect 3): the topmost {@code Authentication-Results}, whoever wrote it,
     * reached the sender check. Only results under an authserv-id the host configured count.
     */
    @Test
    void authenticationResults_areBelievedOnlyUnderATrustedAuthservId() throws IOException {
        String forged = "Authentication-Results: mx.evil.example; dkim=pass; spf=pass; dmarc=pass\r\n";
        String real = "Authentication-Results: mx.ghe.example.com; dkim=fail; spf=fail; dmarc=fail\r\n";
        deliver(maildir(), postfixName(1), viaListener(replyAddress(1, 5), forged + real, "one"));
        deliver(maildir(), postfixName(2), viaListener(replyAddress(2, 5), forged, "two"));
        List<AuthenticationResults> seen = new ArrayList<>();

        run(pipeline().trustedAuthServIds("MX.ghe.example.com").senderCheck(in -> {
            seen.add(in.authentication());
            return dev.mailwright.inbound.spi.SenderVerdict.accept("seen");
        }));

        assertThat(seen).containsExactlyInAnyOrder(new AuthenticationResults("mx.ghe.example.com", "fail", "fail", "fail"),
                AuthenticationResults.NONE);
    }

    @Test
    void withoutTrustedIds_noAuthenticationResultsAreBelieved() throws IOException {
        deliver(maildir(), postfixName(1), reply("<a@x>", replyAddress(1, 5), "hello"));

        run(pipeline());

        assertThat(handled).singleElement().satisfies(r -> assertThat(r.authentication()).isEqualTo(AuthenticationResults.NONE));
    }

    /**
     * Regression (issue 13, defect 10): a {@code Delivered-To} written by the sender below the
     * listener's trace made a message to {@code noreply.} look like a reply (filed as forged), and
     * the rejection notice went to the forged sender. Only the envelope recipient counts, and no
     * notice goes out unless it was the reply address.
     */
    @Test
    void aSenderWrittenDeliveredTo_isNotTheEnvelope_andNoNoticeGoesOut() throws IOException {
        deliver(maildir(), postfixName(1), viaListener("mention@noreply." + Fixtures.HOST,
                "Delivered-To: " + Fixtures.forgedAddress() + "\r\n", "hi"));
        deliver(maildir(), postfixName(2), viaListener("mention@noreply." + Fixtures.HOST,
                "Delivered-To: " + replyAddress(1, 5) + "\r\n", "hi"));

        BatchSummary s = run(pipeline());

        assertThat(s.rejected()).isEqualTo(2);
        assertThat(handled).isEmpty();
        assertThat(notices).isEmpty();
        Path failure = dir.resolve("mail/incoming-mail/failure");
        assertThat(Files.readString(failure.resolve(postfixName(1) + ".reason"))).contains("address.missing")
                .contains("mention@noreply." + Fixtures.HOST).doesNotContain("forged");
    }

    @Test
    void aRejectedReply_toTheEnvelopeReplyAddress_isAnswered() throws IOException {
        deliver(maildir(), postfixName(1), viaListener(Fixtures.forgedAddress(), "", "hi"));

        run(pipeline());

        assertThat(notices).singleElement().satisfies(n -> assertThat(n.code()).isEqualTo("address.forged"));
    }

    /**
     * Regression (issue 13, defect 10): NUL characters reached the reply text and attachment names
     * kept {@code ../}. Both are sanitised, and the reply says what was changed.
     */
    @Test
    void nulCharactersAndPathsInAttachmentNames_areSanitised_andFlagged() throws IOException {
        String mime = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n";
        String body = "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nLooks\u0000 good\u0000\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment;"
                + " filename=\"../../etc/passwd\"\r\n\r\nroot\r\n"
                + "--b\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"..\\\\..\\\\boot.ini\"\r\n\r\nx\r\n"
                + "--b--";
        deliver(maildir(), postfixName(1), viaListener(replyAddress(1, 5), mime, body));

        run(pipeline());

        assertThat(handled).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("Looks good");
            assertThat(r.attachments()).extracting(AttachmentInfo::fileName).containsExactly("passwd", "boot.ini");
            assertThat(r.sanitized()).containsExactly("attachment name '../../etc/passwd' replaced by 'passwd'",
                    "attachment name '..\\..\\boot.ini' replaced by 'boot.ini'", "2 NUL character(s) removed from the text/plain body");
        });
    }
}
