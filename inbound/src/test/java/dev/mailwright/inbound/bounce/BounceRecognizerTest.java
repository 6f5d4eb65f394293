package dev.mailwright.inbound.bounce;

import static dev.mailwright.inbound.bounce.BounceFixtures.RECOGNIZER;
import static dev.mailwright.inbound.bounce.BounceFixtures.TARGET;
import static dev.mailwright.inbound.bounce.BounceFixtures.event;
import static dev.mailwright.inbound.bounce.BounceFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.suppression.DeliveryProblem;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.core.suppression.SuppressionStores;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each fixture format, attributed through the signed bounce address and classified. */
class BounceRecognizerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rfc3464-hard.eml,           DSN,      HARD_BOUNCE, 5.1.1",
        "rfc3464-disabled.eml,       DSN,      HARD_BOUNCE, 5.2.1",
        "rfc3464-mailbox-full.eml,   DSN,      SOFT_BOUNCE, 5.2.2",
        "rfc3464-delayed.eml,        DSN,      SOFT_BOUNCE, 4.4.1",
        "exchange-ndr.eml,           EXCHANGE, HARD_BOUNCE, 5.1.1",
        "qmail-qsbmf.eml,            QMAIL,    HARD_BOUNCE, 5.1.1",
        "gmail-text.eml,             GMAIL,    HARD_BOUNCE, 5.1.1",
        "exim-text.eml,              TEXT,     SOFT_BOUNCE, 5.2.2",
    })
    void bounceFormats_areAttributedToTheSignedRecipient_andClassified(String file, BounceFormat format,
            DeliveryProblem problem, String status) {
        BounceEvent e = event(RECOGNIZER.recognize(load(file), List.of()));
        assertThat(e.recipient()).isEqualTo(TARGET.recipient());
        assertThat(e.notification()).isEqualTo(TARGET.notification());
        assertThat(e.format()).isEqualTo(format);
        assertThat(e.classification().problem()).contains(problem);
        assertThat(e.classification().detail()).contains(status);
        assertThat(e.recipientNamed()).isTrue();
        assertThat(e.eventId()).isNotEmpty();
    }

    @Test
    void rfc3464_readsTheReportingMta_theReportedRecipient_andTheFoldedDiagnostic() {
        BounceEvent e = event(RECOGNIZER.recognize(load("rfc3464-hard.eml"), List.of()));
        assertThat(e.reportingMta()).isEqualTo("mx.example.org");
        assertThat(e.reportedRecipients()).containsExactly("octocat@example.com");
        assertThat(e.classification()).isEqualTo(new BounceClassification.Hard("5.1.1",
                "550 5.1.1 <octocat@example.com>: Recipient address rejected: User unknown"));
        assertThat(e.eventId()).isEqualTo("<dsn-hard-1@mx.example.org>");
    }

    @Test
    void theEnvelopeRecipientAttributes_whenNoHeaderNamesTheBounceAddress() {
        String raw = BounceFixtures.text("rfc3464-hard.eml").replace("Delivered-To: {{VERP}}\n", "")
                .replace("To: {{VERP}}", "To: noreply@ghe.example.com");
        byte[] bytes = raw.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(RECOGNIZER.recognize(bytes, List.of())).isInstanceOf(BounceOutcome.Unattributed.class);
        assertThat(event(RECOGNIZER.recognize(bytes, List.of(BounceFixtures.VERP))).recipient()).isEqualTo("octocat@example.com");
    }

    @Test
    void aDeliveredReport_isUndetermined_andCountsNothing() {
        BounceEvent e = event(RECOGNIZER.recognize(load("rfc3464-delivered.eml"), List.of()));
        assertThat(e.classification()).isInstanceOf(BounceClassification.Undetermined.class);
        assertThat(e.classification().detail()).contains("delivered");
        assertThat(e.classification().problem()).isEmpty();
    }

    @Test
    void arfComplaint_toTheAbuseAddress_isAttributedByItsOriginalMailFrom_andSuppressesAtOnce() {
        BounceEvent e = event(RECOGNIZER.recognize(load("arf-abuse.eml"), List.of("abuse@ghe.example.com")));
        assertThat(e.format()).isEqualTo(BounceFormat.ARF);
        assertThat(e.classification()).isEqualTo(new BounceClassification.Complaint("abuse", "ExampleFBL/1.0"));
        assertThat(e.recipient()).isEqualTo("octocat@example.com");
        try (SuppressionList list = SuppressionList.builder().store(SuppressionStores.memory()).build()) {
            assertThat(e.recordIn(list).orElseThrow().isSuppressed()).isTrue();
        }
    }

    @Test
    void anArfNotSpamReport_isNotAComplaint() {
        byte[] raw = BounceFixtures.text("arf-abuse.eml").replace("Feedback-Type: abuse", "Feedback-Type: not-spam")
                .replace("{{VERP}}", BounceFixtures.VERP).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        BounceEvent e = event(RECOGNIZER.recognize(raw, List.of()));
        assertThat(e.classification()).isInstanceOf(BounceClassification.Undetermined.class);
    }

    @Test
    void anAutoReplyToTheBounceAddress_isAnAutoReply_countingNothing() {
        BounceEvent e = event(RECOGNIZER.recognize(load("auto-reply.eml"), List.of()));
        assertThat(e.format()).isEqualTo(BounceFormat.AUTO_REPLY);
        assertThat(e.classification()).isInstanceOf(BounceClassification.AutoReply.class);
        try (SuppressionList list = SuppressionList.builder().store(SuppressionStores.memory()).build()) {
            assertThat(e.recordIn(list)).isEmpty();
            assertThat(list.entries()).isEmpty();
        }
    }

    @Test
    void anAutoReplyToAnotherAddress_isNotABounce_leftToTheAutomatedMailGuard() {
        byte[] raw = BounceFixtures.text("auto-reply.eml").replace("{{VERP}}", "reply+i-1-abc-5@reply.ghe.example.com")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(RECOGNIZER.recognize(raw, List.of())).isInstanceOf(BounceOutcome.NotABounce.class);
    }

    @Test
    void anOrdinaryReply_isNotABounce() {
        byte[] raw = ("From: Mona <mona@example.org>\nTo: reply+i-1-abc-5@reply.ghe.example.com\nSubject: Re: bug\n\n"
                + "Thanks, fixed.\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(RECOGNIZER.recognize(raw, List.of("reply+i-1-abc-5@reply.ghe.example.com")))
                .isEqualTo(new BounceOutcome.NotABounce());
    }

    @Test
    void twoHardBouncesFromDifferentReports_suppress_theSameReportTwiceCountsOnce() {
        try (SuppressionList list = SuppressionList.builder().store(SuppressionStores.memory()).build()) {
            event(RECOGNIZER.recognize(load("rfc3464-hard.eml"), List.of())).recordIn(list);
            event(RECOGNIZER.recognize(load("rfc3464-hard.eml"), List.of())).recordIn(list);
            assertThat(list.isSuppressed("octocat@example.com")).isFalse();
            event(RECOGNIZER.recognize(load("qmail-qsbmf.eml"), List.of())).recordIn(list);
            assertThat(list.isSuppressed("octocat@example.com")).isTrue();
        }
    }
}
