package dev.mailwright.inbound;

import static dev.mailwright.inbound.Fixtures.deliver;
import static dev.mailwright.inbound.Fixtures.postfixName;
import static dev.mailwright.inbound.Fixtures.replyAddress;
import static dev.mailwright.inbound.Fixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ThreadType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirPipelineTest {
    @TempDir
    Path dir;

    private final List<DeliveredReply> handled = new CopyOnWriteArrayList<>();

    private Path maildir() {
        return dir.resolve("mail/reply");
    }

    private Path filed(String folder) {
        return dir.resolve("mail/incoming-mail").resolve(folder);
    }

    private InboundPipeline.Builder pipeline() {
        return pipeline(handled::add);
    }

    private InboundPipeline.Builder pipeline(ReplyHandler handler) {
        return InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST)
                .noReplyAddress("noreply@ghe.example.com").ledgerDirectory(dir.resolve("state")).handler(handler)
                .trustedAuthServIds("mx.ghe.example.com");
    }

    private BatchSummary runOnce(InboundPipeline.Builder builder) {
        try (InboundPipeline p = builder.build(); MaildirSource source = MaildirSource.builder(maildir()).open()) {
            return p.drain(source);
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".reason") && !n.startsWith("."))
                    .sorted().toList();
        }
    }

    private String reason(String folder, String name) throws IOException {
        return Files.readString(filed(folder).resolve(name + ".reason"));
    }

    @Test
    void deliversAVerifiedReply_andFilesItAsSuccess() throws IOException {
        deliver(maildir(), postfixName(1), reply("<b2b9c260@me.com>", replyAddress(1, 5), "Looks good to me."));

        BatchSummary summary = runOnce(pipeline());

        assertThat(summary.delivered()).isEqualTo(1);
        assertThat(handled).singleElement().satisfies(r -> {
            assertThat(r.target().type()).isEqualTo(ThreadType.ISSUE);
            assertThat(r.target().id()).isEqualTo(1);
            assertThat(r.target().userId()).isEqualTo(5);
            assertThat(r.sender()).isEqualTo("tcook@icloud.com");
            assertThat(r.text()).isEqualTo("Looks good to me.");
            assertThat(r.removedText()).contains("The original notification");
            assertThat(r.authentication().dmarc()).isEqualTo("pass");
            assertThat(r.authentication().authServId()).isEqualTo("mx.ghe.example.com");
            assertThat(r.messageId()).isEqualTo("<b2b9c260@me.com>");
            assertThat(r.possibleRedelivery()).isFalse();
        });
        assertThat(names(filed("success"))).containsExactly(postfixName(1));
        assertThat(reason("success", postfixName(1))).contains("delivered to ISSUE 1 for user 5");
        assertThat(names(maildir().resolve("new"))).isEmpty();
    }

    /** What a mail client sends for the List-Unsubscribe mailto: the reply address, subject "unsubscribe". */
    private static String unsubscribeMail(String messageId, String to, String extraHeaders, String body) {
        return reply(messageId, to, body).replace("Subject: Re: [org/repo] Fix the build (#1)\n", extraHeaders
                + "Subject: unsubscribe\n");
    }

    @Test
    void mailToANewThreadAddress_isFiledAsFailureUntilNewThreadsAreRouted_andAForgedOneAsForged() throws IOException {
        String newThread = Fixtures.CODEC.encodeNewThread(new dev.mailwright.core.NewThreadScope("repo", "42"));
        deliver(maildir(), postfixName(1), reply("<nt@me.com>", newThread, "Please add a dark theme."));
        deliver(maildir(), postfixName(2), reply("<nt-forged@me.com>", newThread.replace("-42-", "-43-"), "forged"));

        BatchSummary summary = runOnce(pipeline());

        assertThat(handled).as("never a comment").isEmpty();
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(reason("failure", postfixName(1))).contains("address.new-thread").contains("repo 42");
        assertThat(reason("failure", postfixName(2))).contains("address.forged");
    }

    @Test
    void unsubscribeByMail_goesToTheUnsubscribeHandler_neverToTheReplyHandler() throws IOException {
        deliver(maildir(), postfixName(1), unsubscribeMail("<u1@me.com>", replyAddress(1, 5), "", ""));
        // some clients mark the message they send for a List-Unsubscribe mailto as generated
        deliver(maildir(), postfixName(2), unsubscribeMail("<u2@me.com>", replyAddress(7, 9),
                "Auto-Submitted: auto-generated\n", "This message was automatically generated."));
        List<UnsubscribeRequest> requests = new CopyOnWriteArrayList<>();

        BatchSummary summary = runOnce(pipeline().unsubscribeHandler(requests::add).rejectionNotifier(n -> {
            throw new AssertionError("an unsubscribe request is never answered");
        }));

        assertThat(handled).as("never a comment").isEmpty();
        assertThat(summary.delivered()).isEqualTo(2);
        assertThat(requests).extracting(r -> r.target().id() + "/" + r.target().userId())
                .containsExactlyInAnyOrder("1/5", "7/9");
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.sender()).isEqualTo("tcook@icloud.com");
            assertThat(r.authentication().dkim()).isEqualTo("pass");
        });
        assertThat(names(filed("success"))).containsExactly(postfixName(1), postfixName(2));
        assertThat(reason("success", postfixName(1))).contains("unsubscribe request from tcook@icloud.com for user 5");
    }

    @Test
    void unsubscribeByMail_withoutAHandler_isDiscarded_andNeverAComment() throws IOException {
        deliver(maildir(), postfixName(1), unsubscribeMail("<u1@me.com>", replyAddress(1, 5), "", ""));

        BatchSummary summary = runOnce(pipeline().rejectionNotifier(n -> {
            throw new AssertionError("an unsubscribe request is never answered");
        }));

        assertThat(handled).isEmpty();
        assertThat(summary.discarded()).isEqualTo(1);
        assertThat(reason("discarded", postfixName(1))).contains("unsubscribe.unhandled")
                .contains("InboundPipeline.Builder.unsubscribeHandler");
    }

    @Test
    void unsubscribeByMail_toAForgedAddress_isRefusedLikeAReply() throws IOException {
        deliver(maildir(), postfixName(1), unsubscribeMail("<u1@me.com>", Fixtures.forgedAddress(), "", ""));
        List<UnsubscribeRequest> requests = new CopyOnWriteArrayList<>();

        BatchSummary summary = runOnce(pipeline().unsubscribeHandler(requests::add));

        assertThat(requests).isEmpty();
        assertThat(handled).isEmpty();
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(reason("failure", postfixName(1))).contains("address.forged");
    }

    @Test
    void unsubscribeHandlerFailure_isRetriedLater_likeTheReplyHandler() throws IOException {
        deliver(maildir(), postfixName(1), unsubscribeMail("<u1@me.com>", replyAddress(1, 5), "", ""));

        BatchSummary summary = runOnce(pipeline().unsubscribeHandler(r -> {
            throw new IllegalStateException("database down");
        }));

        assertThat(handled).isEmpty();
        assertThat(summary.retried()).isEqualTo(1);
    }

    @Test
    void forgedAndMissingAddresses_areFiledAsFailureWithTheirReason() throws IOException {
        deliver(maildir(), postfixName(1), reply("<a@x>", Fixtures.forgedAddress(), "hi"));
        deliver(maildir(), postfixName(2), reply("<b@x>", "someone@example.org", "hi"));
        deliver(maildir(), postfixName(3), reply("<c@x>", "reply+i-1-zz-5@reply.ghe.example.com", "hi"));

        BatchSummary summary = runOnce(pipeline());

        assertThat(summary.rejected()).isEqualTo(3);
        assertThat(handled).isEmpty();
        assertThat(reason("failure", postfixName(1))).contains("address.forged");
        assertThat(reason("failure", postfixName(2))).contains("address.missing");
        assertThat(reason("failure", postfixName(3))).contains("address.malformed");
    }

    @Test
    void automatedMail_isDiscardedWithTheSignalFound() throws IOException {
        String ok = reply("<m@x>", replyAddress(1, 5), "text");
        String[][] cases = {
            {"Auto-Submitted: auto-replied\n", "automated.auto-submitted"},
            {"X-Autoreply: yes\n", "automated.autoreply"},
            {"Precedence: bulk\n", "automated.precedence"},
            {"X-Auto-Response-Suppress: All\n", "automated.auto-response-suppress"},
        };
        for (int i = 0; i < cases.length; i++) {
            deliver(maildir(), postfixName(i), cases[i][0] + ok.replace("<m@x>", "<m" + i + "@x>"));
        }
        deliver(maildir(), postfixName(10), ok.replace("Return-Path: <tcook@icloud.com>", "Return-Path: <>"));
        deliver(maildir(), postfixName(11), ok.replace("From: Tim Cook <tcook@icloud.com>", "From: MAILER-DAEMON@icloud.com"));
        deliver(maildir(), postfixName(12), ok.replace("Subject: Re: [org/repo] Fix the build (#1)", "Subject: Out of Office: back Monday"));
        deliver(maildir(), postfixName(13), ok.replace("Content-Type: text/plain; charset=UTF-8\n\n",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nfailed\n--b--\n"));

        BatchSummary summary = runOnce(pipeline().rejectionNotifier(n -> {
            throw new AssertionError("no notice for automated mail");
        }));

        assertThat(summary.discarded()).isEqualTo(8);
        assertThat(handled).isEmpty();
        for (int i = 0; i < cases.length; i++) {
            assertThat(reason("discarded", postfixName(i))).contains(cases[i][1]);
        }
        assertThat(reason("discarded", postfixName(10))).contains("automated.null-sender");
        assertThat(reason("discarded", postfixName(11))).contains("automated.daemon-sender");
        assertThat(reason("discarded", postfixName(12))).contains("automated.out-of-office");
        assertThat(reason("discarded", postfixName(13))).contains("automated.report");
    }

    @Test
    void mailToTheNoReplyAddress_isDiscardedOnlyWhenTheSettingSaysSo() throws IOException {
        deliver(maildir(), postfixName(1), reply("<n1@x>", "noreply@ghe.example.com", "hello"));
        deliver(maildir(), postfixName(2), reply("<n2@x>", "mention@noreply.ghe.example.com", "hello"));

        assertThat(runOnce(pipeline().discardNoReplyMail(true)).discarded()).isEqualTo(2);
        assertThat(reason("discarded", postfixName(1))).contains("noreply.discarded");

        deliver(maildir(), postfixName(3), reply("<n3@x>", "noreply@ghe.example.com", "hello"));
        assertThat(runOnce(pipeline().discardNoReplyMail(false)).rejected()).isEqualTo(1);
        assertThat(reason("failure", postfixName(3))).contains("address.missing");
    }

    @Test
    void malformedAndOversizedInput_isFiledAsFailure_neverDropped() throws IOException {
        deliver(maildir(), postfixName(1), "From: a@b.c\nTo: " + replyAddress(1, 5) + "\nMessage-ID: <x@y>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=zzz\n\nno boundary ever appears here\n");
        StringBuilder parts = new StringBuilder("From: a@b.c\nTo: " + replyAddress(1, 5)
                + "\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=p\n\n");
        for (int i = 0; i < 20; i++) {
            parts.append("--p\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        deliver(maildir(), postfixName(2), parts.append("--p--\n").toString());
        deliver(maildir(), postfixName(3), reply("<big@x>", replyAddress(1, 5), "x".repeat(5000)));
        deliver(maildir(), postfixName(4), "");

        BatchSummary summary = runOnce(pipeline().maxParts(10).maxMessageBytes(4000));

        assertThat(summary.rejected()).isEqualTo(4);
        assertThat(reason("failure", postfixName(1))).contains("parse.malformed");
        assertThat(reason("failure", postfixName(2))).contains("parse.too-many-parts");
        assertThat(reason("failure", postfixName(3))).contains("parse.too-large");
        assertThat(reason("failure", postfixName(4))).contains("parse.empty");
    }

    @Test
    void aRedeliveredCopy_withTheSameMessageIdAndBody_isNotHandedToTheHandlerTwice() throws IOException {
        String original = reply("<dup@me.com>", replyAddress(1, 5), "Only once please");
        deliver(maildir(), postfixName(1), original);
        assertThat(runOnce(pipeline()).delivered()).isEqualTo(1);

        deliver(maildir(), postfixName(2), "Received: from relay2 by ghe.example.com\n" + original);
        BatchSummary second = runOnce(pipeline());

        assertThat(second.discarded()).isEqualTo(1);
        assertThat(handled).hasSize(1);
        assertThat(reason("discarded", postfixName(2))).contains("duplicate").contains("<dup@me.com>");
    }

    @Test
    void aFailingHandler_isRetriedWithBackoff_thenFiledAsFailureAfterTheLastAttempt() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        deliver(maildir(), postfixName(1), reply("<flaky@me.com>", replyAddress(2, 7), "retry me"));
        List<Integer> attempts = new ArrayList<>();
        InboundPipeline.Builder b = pipeline(r -> {
            attempts.add(attempts.size() + 1);
            throw new IllegalStateException("database is down");
        }).clock(clock).maxAttempts(3).backoff(Duration.ofSeconds(10));
        try (InboundPipeline p = b.build(); MaildirSource source = MaildirSource.builder(maildir()).clock(clock).open()) {
            assertThat(p.drain(source).retried()).isEqualTo(1);
            assertThat(names(filed("retry"))).contains(postfixName(1));
            assertThat(p.drain(source).total()).as("not due yet").isZero();
            clock.advance(Duration.ofSeconds(11));
            assertThat(p.drain(source).retried()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(21));
            assertThat(p.drain(source).rejected()).isEqualTo(1);
        }
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(reason("failure", postfixName(1))).contains("handler.failed").contains("attempt 3 of 3")
                .contains("database is down");
    }

    @Test
    void rejectionNotices_areSentAtMostOncePerSenderAndReasonPerDay() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        List<RejectionNotice> notices = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliver(maildir(), postfixName(i), reply("<f" + i + "@x>", Fixtures.forgedAddress(), "hi " + i));
        }
        try (InboundPipeline p = pipeline().clock(clock).rejectionNotifier(notices::add).build();
                MaildirSource source = MaildirSource.builder(maildir()).open()) {
            p.drain(source);
            assertThat(notices).singleElement().satisfies(n -> {
                assertThat(n.recipient()).isEqualTo("tcook@icloud.com");
                assertThat(n.code()).isEqualTo("address.forged");
            });
            clock.advance(Duration.ofDays(1));
            deliver(maildir(), postfixName(9), reply("<f9@x>", Fixtures.forgedAddress(), "next day"));
            p.drain(source);
        }
        assertThat(notices).hasSize(2);
    }

    @Test
    void rejectionNotices_stayAtOnePerSenderAndReasonPerDay_acrossRestartsAndProcesses() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        List<RejectionNotice> notices = new CopyOnWriteArrayList<>();
        deliver(maildir(), postfixName(1), reply("<f1@x>", Fixtures.forgedAddress(), "first"));
        runOnce(pipeline().clock(clock).rejectionNotifier(notices::add));
        // a restart, then a second pipeline instance on the same ledger directory (as another process)
        deliver(maildir(), postfixName(2), reply("<f2@x>", Fixtures.forgedAddress(), "after a restart"));
        runOnce(pipeline().clock(clock).rejectionNotifier(notices::add));
        try (InboundPipeline a = pipeline().clock(clock).rejectionNotifier(notices::add).build();
                InboundPipeline b = pipeline().clock(clock).rejectionNotifier(notices::add).build();
                MaildirSource sa = MaildirSource.builder(maildir()).open();
                MaildirSource sb = MaildirSource.builder(maildir()).open()) {
            deliver(maildir(), postfixName(3), reply("<f3@x>", Fixtures.forgedAddress(), "to a"));
            a.drain(sa);
            deliver(maildir(), postfixName(4), reply("<f4@x>", Fixtures.forgedAddress(), "to b"));
            b.drain(sb);
        }
        assertThat(notices).as("one notice on the first day").hasSize(1);
        Path notices1 = dir.resolve("state/notices/2026-01-01");
        assertThat(Files.readString(notices1)).as("no address in clear").doesNotContain("tcook").hasLineCount(1);

        clock.advance(Duration.ofDays(1));
        deliver(maildir(), postfixName(5), reply("<f5@x>", Fixtures.forgedAddress(), "next day"));
        runOnce(pipeline().clock(clock).rejectionNotifier(notices::add));
        assertThat(notices).hasSize(2);
        assertThat(notices1).as("the earlier day's file is gone").doesNotExist();
    }

    @Test
    void claimsOfADeadProcess_arePickedUpAgainAtStart() throws IOException {
        Path dead = maildir().resolve(".mailwright/claims/999999-deadbeef");
        Files.createDirectories(dead);
        deliver(maildir(), postfixName(1), reply("<crash@x>", replyAddress(1, 5), "claimed before the crash"));
        Files.move(maildir().resolve("new").resolve(postfixName(1)), dead.resolve(postfixName(1)));

        assertThat(runOnce(pipeline()).delivered()).isEqualTo(1);
        assertThat(names(filed("success"))).containsExactly(postfixName(1));
        assertThat(Files.exists(dead)).isFalse();
    }

    @Test
    void twoPipelinesOnOneMaildir_neverProcessAMessageTwice() throws Exception {
        int n = 200;
        for (int i = 0; i < n; i++) {
            deliver(maildir(), postfixName(i), reply("<c" + i + "@x>", replyAddress(1 + i % 7, 5), "reply " + i));
        }
        Runnable worker = () -> runOnce(pipeline().batchSize(8));
        Thread a = new Thread(worker);
        Thread b = new Thread(worker);
        a.start();
        b.start();
        a.join();
        b.join();

        assertThat(handled).hasSize(n);
        assertThat(handled.stream().map(DeliveredReply::messageId).distinct()).hasSize(n);
        assertThat(names(filed("success"))).hasSize(n);
    }

    @Test
    void htmlOnlyReplies_areConvertedToText_andAttachmentsAreDescribed() throws IOException {
        String to = replyAddress(4, 2);
        deliver(maildir(), postfixName(1), "Return-Path: <ann@example.org>\nDelivered-To: " + to + "\nFrom: ann@example.org\nTo: "
                + to + "\nMessage-ID: <html@x>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
                + "--b\nContent-Type: text/html; charset=UTF-8\n\n<p>Fixed in <b>main</b>.</p>\n"
                + "--b\nContent-Type: image/png\nContent-Disposition: attachment; filename=\"shot.png\"\n"
                + "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--b--\n");

        assertThat(runOnce(pipeline()).delivered()).isEqualTo(1);

        assertThat(handled).singleElement().satisfies(r -> {
            assertThat(r.text()).contains("Fixed in").contains("main").doesNotContain("<b>");
            assertThat(r.attachments()).singleElement().satisfies(a -> {
                assertThat(a.fileName()).isEqualTo("shot.png");
                assertThat(a.contentType()).isEqualTo("image/png");
            });
        });
    }

    @Test
    void theSenderCheck_seesTheAuthenticationResults_andCanRefuse() throws IOException {
        deliver(maildir(), postfixName(1), reply("<s@x>", replyAddress(1, 5), "let me in"));
        List<dev.mailwright.inbound.spi.SenderCheckInput> seen = new ArrayList<>();

        BatchSummary summary = runOnce(pipeline().senderCheck(in -> {
            seen.add(in);
            return dev.mailwright.inbound.spi.SenderVerdict.refuse("not one of user 5's verified emails");
        }));

        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(handled).isEmpty();
        assertThat(seen).singleElement().satisfies(in -> {
            assertThat(in.fromAddress()).isEqualTo("tcook@icloud.com");
            assertThat(in.authentication().dkim()).isEqualTo("pass");
            assertThat(in.target().userId()).isEqualTo(5);
        });
        assertThat(reason("failure", postfixName(1))).contains("sender.refused").contains("verified emails");
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
