package dev.mailwright.inbound.bounce;

import static dev.mailwright.inbound.bounce.BounceFixtures.CODEC;
import static dev.mailwright.inbound.bounce.BounceFixtures.RECOGNIZER;
import static dev.mailwright.inbound.bounce.BounceFixtures.VERP;
import static dev.mailwright.inbound.bounce.BounceFixtures.event;
import static dev.mailwright.inbound.bounce.BounceFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mailwright.core.BounceAddressCodec;
import dev.mailwright.core.BounceTarget;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.core.suppression.SuppressionStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Malformed reports, reports about addresses never mailed, forged bounce addresses, huge and deep
 * messages: each a clear outcome, never an exception, never a suppression of an address that did
 * not bounce.
 */
class BounceHostileInputTest {
    private static final Duration GUARD = Duration.ofSeconds(30); // only guards against a hang

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMalformedDeliveryStatus_isUndetermined_andSuppressesNobody() {
        BounceEvent e = event(RECOGNIZER.recognize(load("malformed-dsn.eml"), List.of()));
        assertThat(e.classification()).isInstanceOf(BounceClassification.Undetermined.class);
        assertThat(e.classification().detail()).contains("names no recipient");
        try (SuppressionList list = SuppressionList.builder().store(SuppressionStores.memory()).build()) {
            assertThat(e.recordIn(list)).isEmpty();
        }
    }

    @Test
    void aReportWithoutItsStatusPart_isUndetermined() {
        String raw = BounceFixtures.text("malformed-dsn.eml").replace("{{VERP}}", VERP);
        raw = raw.substring(0, raw.indexOf("--b\nContent-Type: message/delivery-status")) + "--b--\n";
        assertThat(event(RECOGNIZER.recognize(bytes(raw), List.of())).classification().detail())
                .contains("without a message/delivery-status part");
    }

    @Test
    void aReportAboutAnAddressNeverMailed_neverTouchesThatAddress_andCountsAsSoftAtMost() {
        BounceEvent e = event(RECOGNIZER.recognize(load("rfc3464-other-recipient.eml"), List.of()));
        assertThat(e.recipient()).isEqualTo("octocat@example.com");
        assertThat(e.recipientNamed()).isFalse();
        assertThat(e.reportedRecipients()).containsExactly("octo.forward@example.net");
        assertThat(e.classification()).isInstanceOf(BounceClassification.Soft.class);
        assertThat(e.classification().detail()).contains("about octo.forward@example.net");
        try (SuppressionList list = SuppressionList.builder().store(SuppressionStores.memory()).build()) {
            e.recordIn(list);
            assertThat(list.status("octo.forward@example.net")).isEmpty();
            assertThat(list.status("octocat@example.com").orElseThrow().score()).isEqualTo(1);
        }
    }

    @Test
    void aForgedBounceAddress_isForged_whateverTheReportSays() {
        String forged = VERP.replace("octocat=example.com", "victim=example.com");
        byte[] raw = bytes(BounceFixtures.text("rfc3464-hard.eml").replace("{{VERP}}", forged));
        BounceOutcome o = RECOGNIZER.recognize(raw, List.of(forged));
        assertThat(o).isInstanceOf(BounceOutcome.Forged.class);
        assertThat(((BounceOutcome.Forged) o).address()).isEqualTo(forged);
        BounceAddressCodec otherKey = new BounceAddressCodec(KeyRing.of(new byte[32]), "noreply.ghe.example.com");
        String signedElsewhere = otherKey.encode(BounceFixtures.TARGET).orElseThrow();
        assertThat(RECOGNIZER.recognize(bytes(BounceFixtures.text("qmail-qsbmf.eml").replace("{{VERP}}", signedElsewhere)),
                List.of())).isInstanceOf(BounceOutcome.Forged.class);
    }

    @Test
    void aBounceToTheNoReplyAddress_isUnattributed_namingWhy() {
        byte[] raw = bytes(BounceFixtures.text("rfc3464-hard.eml").replace("{{VERP}}", "noreply@ghe.example.com"));
        BounceOutcome o = RECOGNIZER.recognize(raw, List.of("noreply@ghe.example.com"));
        assertThat(o).isEqualTo(new BounceOutcome.Unattributed(BounceFormat.DSN,
                "sent to no verified bounce address; nothing is counted"));
        String otherDomain = new BounceAddressCodec(BounceFixtures.KEYS, "noreply.elsewhere.example")
                .encode(BounceFixtures.TARGET).orElseThrow();
        BounceOutcome o2 = RECOGNIZER.recognize(bytes(BounceFixtures.text("rfc3464-hard.eml").replace("{{VERP}}",
                otherDomain)), List.of());
        assertThat(((BounceOutcome.Unattributed) o2).reason()).contains("another domain, noreply.elsewhere.example");
    }

    @Test
    void aHugeReport_isReadUpToItsLimit_inBoundedTime() {
        StringBuilder status = new StringBuilder("Reporting-MTA: dns; mx.example.org\n\n");
        while (status.length() < 8_000_000) {
            status.append("Final-Recipient: rfc822; someone").append(status.length()).append("@example.net\nAction: failed\n"
                    + "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 ").append("x".repeat(200)).append("\n\n");
        }
        String raw = BounceFixtures.text("malformed-dsn.eml").replace("{{VERP}}", VERP)
                .replace("this is not a field list at all\nnor this\nFinal-Recipient without colon\n", status.toString());
        BounceOutcome o = assertTimeoutPreemptively(GUARD, () -> RECOGNIZER.recognize(bytes(raw), List.of()));
        BounceEvent e = event(o);
        assertThat(e.reportedRecipients()).hasSizeLessThanOrEqualTo(20);
        assertThat(e.recipientNamed()).isFalse();
        assertThat(e.classification()).isInstanceOf(BounceClassification.Soft.class);
    }

    @Test
    void deepNestingAndTooManyParts_areUnreadable_namingTheLimit() {
        StringBuilder deep = new StringBuilder("To: " + VERP + "\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n");
        for (int i = 0; i < 200; i++) {
            deep.append("--b").append(i).append("\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\n\n");
        }
        BounceOutcome o = assertTimeoutPreemptively(GUARD, () -> RECOGNIZER.recognize(bytes(deep.toString()), List.of()));
        assertThat(o).isInstanceOf(BounceOutcome.Unreadable.class);
        assertThat(((BounceOutcome.Unreadable) o).reason()).contains("nested more than 8");
        StringBuilder wide = new StringBuilder("To: " + VERP + "\nContent-Type: multipart/mixed; boundary=\"w\"\n\n");
        for (int i = 0; i < 5000; i++) {
            wide.append("--w\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        wide.append("--w--\n");
        BounceOutcome w = assertTimeoutPreemptively(GUARD, () -> RECOGNIZER.recognize(bytes(wide.toString()), List.of()));
        assertThat(((BounceOutcome.Unreadable) w).reason()).contains("more than 64 MIME parts");
    }

    @Test
    void aMessageOverTheSizeLimit_isUnreadable_beforeAnyParsing() {
        BounceRecognizer small = BounceRecognizer.builder().codec(CODEC).maxMessageBytes(1024).build();
        BounceOutcome o = small.recognize(load("rfc3464-hard.eml"), List.of());
        assertThat(((BounceOutcome.Unreadable) o).reason()).contains("more than the limit of 1024");
        assertThatThrownBy(() -> BounceRecognizer.builder().maxMessageBytes(10)).hasMessageContaining("was 10");
        assertThatThrownBy(() -> BounceRecognizer.builder().build()).hasMessageContaining("codec(...) is required");
    }

    @Test
    void garbageBytes_toTheBounceAddress_areAnOutcome_notAnException() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        assertThat(RECOGNIZER.recognize(garbage, List.of(VERP))).isNotNull();
        BounceEvent e = event(RECOGNIZER.recognize(bytes("Subject: hello\n\njust text"), List.of(VERP)));
        assertThat(e.format()).isEqualTo(BounceFormat.UNKNOWN);
        assertThat(e.classification().problem()).isEmpty();
    }

    @Test
    void aBounceAddressForAnotherNotification_attributesToThatOne_notToTheReportsRecipient() {
        BounceTarget other = new BounceTarget(new dev.mailwright.core.ReplyTarget(dev.mailwright.core.ThreadType.PULL_REQUEST,
                7, 9), "mona@example.org");
        String verp = CODEC.encode(other).orElseThrow();
        BounceEvent e = event(RECOGNIZER.recognize(bytes(BounceFixtures.text("rfc3464-hard.eml").replace("{{VERP}}", verp)),
                List.of()));
        assertThat(e.recipient()).isEqualTo("mona@example.org");
        assertThat(e.notification()).isEqualTo(other.notification());
        assertThat(e.recipientNamed()).isFalse();
        assertThat(e.classification().problem()).contains(dev.mailwright.core.suppression.DeliveryProblem.SOFT_BOUNCE);
    }
}
