package dev.mailwright.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.suppression.DeliveryProblem;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.core.suppression.SuppressionStores;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.RetryPolicy;
import dev.mailwright.outbox.testsupport.Await;
import dev.mailwright.outbox.testsupport.Fixtures;
import dev.mailwright.outbox.testsupport.ScriptedRelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notification enqueued for a suppressed address (it complained) ends failed with the reason
 * SUPPRESSED and never reaches the relay, whether the outbox sends through the mailer or through a
 * transport of its own; the other recipient's notification is sent.
 */
class SuppressedRecipientTest {
    @TempDir
    Path dir;

    private NotificationMailer mailer(int port, SuppressionList list) {
        return NotificationMailer.builder().settings(Fixtures.settings(port)).keyRing(Fixtures.KEYS)
                .transport(Fixtures.transport(port, 2)).retry(RetryPolicy.NONE).deadline(Duration.ofSeconds(20))
                .suppressionList(list).build();
    }

    @Test
    void throughTheMailer_theSuppressedEntryFails_andTheRelayGetsNothingForIt() {
        try (ScriptedRelay relay = ScriptedRelay.start(); SuppressionList list = suppressing()) {
            check(relay, Outbox.builder().store(OutboxStores.embedded(dir.resolve("outbox"))).mailer(mailer(relay.port(), list))
                    .workers(1).build());
        }
    }

    @Test
    void throughATransportOfItsOwn_theMailersListStillHolds() {
        try (ScriptedRelay relay = ScriptedRelay.start(); SuppressionList list = suppressing()) {
            check(relay, Outbox.builder().store(OutboxStores.embedded(dir.resolve("outbox"))).mailer(mailer(relay.port(), list))
                    .transport(Fixtures.transport(relay.port(), 2)).workers(1).build());
        }
    }

    private SuppressionList suppressing() {
        SuppressionList list = SuppressionList.builder().store(SuppressionStores.file(dir.resolve("suppressions.tsv"))).build();
        list.record("user1@example.com", DeliveryProblem.COMPLAINT, "abuse report", "<arf1@fbl>");
        return list;
    }

    private static void check(ScriptedRelay relay, Outbox outbox) {
        try (outbox) {
            outbox.start();
            Enqueued suppressed = outbox.enqueue(Fixtures.notification(1, "example.com"));
            Enqueued sent = outbox.enqueue(Fixtures.notification(2, "example.com"));
            Await.until(Duration.ofSeconds(60), () -> outbox.admin().status().pending() == 0,
                    () -> "both entries settled; " + outbox.admin().status());
            List<OutboxEntry> failed = outbox.admin().list(EntryFilter.of(EntryState.FAILED), 10);
            assertThat(failed).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(suppressed.id());
                assertThat(e.lastFailure().category()).isEqualTo("SUPPRESSED");
            });
            assertThat(outbox.admin().list(EntryFilter.of(EntryState.SENT), 10)).extracting(OutboxEntry::id)
                    .containsExactly(sent.id());
            assertThat(relay.total()).as("the relay received only the other recipient's message").isEqualTo(1);
            assertThat(relay.count(failed.get(0).messageId(), "user1@example.com")).isZero();
        }
    }
}
