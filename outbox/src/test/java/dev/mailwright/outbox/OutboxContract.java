package dev.mailwright.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.outbox.spi.OutboxStore;
import dev.mailwright.outbox.testsupport.Await;
import dev.mailwright.outbox.testsupport.CountingListener;
import dev.mailwright.outbox.testsupport.Fixtures;
import dev.mailwright.outbox.testsupport.ScriptedRelay;
import dev.mailwright.smtp.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must do, run on the embedded store and on PostgreSQL against a real SMTP relay:
 * durability, sending with queue ids, idempotency, the classification of failures, the retry
 * schedule and dead letters, and the per-domain limits, with the relay's faults.
 */
abstract class OutboxContract {
    static final Duration WAIT = Duration.ofSeconds(60);
    final List<AutoCloseable> closing = new ArrayList<>();
    final CountingListener listener = new CountingListener();

    /** @return a store on a fresh, empty database */
    abstract OutboxStore newStore();

    /** @return a second store on the same database (as after a restart) */
    abstract OutboxStore reopenStore();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    ScriptedRelay relay() {
        ScriptedRelay r = ScriptedRelay.start();
        closing.add(r);
        return r;
    }

    Outbox outbox(OutboxStore store, int relayPort, UnaryOperator<OutboxBuilder> more) {
        return outbox(store, relayPort, new RetrySchedule(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(30)),
                more);
    }

    Outbox outbox(OutboxStore store, int relayPort, RetrySchedule retry, UnaryOperator<OutboxBuilder> more) {
        Outbox o = more.apply(Outbox.builder().store(store).mailer(Fixtures.mailer(relayPort)).listener(listener)
                .retry(retry).pollInterval(Duration.ofMillis(50)).lease(Duration.ofSeconds(5)).statusInterval(Duration.ofMillis(200))
                .closeGrace(Duration.ofSeconds(10))).build();
        closing.add(o);
        return o;
    }

    static void awaitSettled(Outbox o, long expected) {
        Await.until(WAIT, () -> settled(o) >= expected, () -> expected + " entries settled; status " + o.admin().status());
    }

    static long settled(Outbox o) {
        OutboxStatus s = o.admin().status();
        return s.count(EntryState.SENT) + s.count(EntryState.FAILED) + s.count(EntryState.DEAD);
    }

    @Test
    void enqueue_isDurableOnReturn_andSendsNothingOnTheCallersThread() {
        ScriptedRelay relay = relay();
        Outbox o = outbox(newStore(), relay.port(), b -> b.workers(0));
        Enqueued e = o.enqueue(Fixtures.notification(1, "example.com"));
        o.close();
        closing.remove(o);

        assertThat(relay.total()).isZero();
        OutboxAdmin admin = OutboxAdmin.of(reopenStoreClosedLater(), java.time.Clock.systemUTC());
        assertThat(admin.list(EntryFilter.of(EntryState.QUEUED), 10)).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo(e.id());
            assertThat(entry.recipient()).isEqualTo("user1@example.com");
            assertThat(entry.summary()).isEqualTo("[octo/hello] Replies by email lose the first line (#7)");
            assertThat(entry.messageId()).isEqualTo("<octo/hello/issues/7/c1@ghe.example.com>");
        });
    }

    OutboxStore reopenStoreClosedLater() {
        OutboxStore s = reopenStore();
        closing.add(s);
        return s;
    }

    @Test
    void workers_sendEachEntry_andRecordTheServersQueueId() {
        ScriptedRelay relay = relay();
        Outbox o = outbox(newStore(), relay.port(), b -> b.workers(4)).start();
        for (int i = 0; i < 50; i++) {
            o.enqueue(Fixtures.notification(i, "example.com"));
        }
        awaitSettled(o, 50);

        assertThat(relay.distinct()).isEqualTo(50);
        List<OutboxEntry> sent = o.admin().list(EntryFilter.of(EntryState.SENT), 100);
        assertThat(sent).hasSize(50).allSatisfy(e -> {
            assertThat(e.queueId()).matches("Q\\d+");
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.finishedAt()).isNotNull();
        });
        assertThat(listener.enqueued).hasValue(50);
        assertThat(listener.sent).hasValue(50);
        Await.until(WAIT, () -> listener.status.get() != null && listener.status.get().count(EntryState.SENT) == 50,
                () -> "a status with 50 sent, last " + listener.status.get());
        assertThat(listener.status.get().oldestDueAge()).isEqualTo(Duration.ZERO);
    }

    @Test
    void theSameNotificationOrKey_isStoredOnce() {
        ScriptedRelay relay = relay();
        Outbox o = outbox(newStore(), relay.port(), b -> b.workers(0));
        Notification n = Fixtures.notification(1, "example.com");
        Enqueued first = o.enqueue(n);
        Enqueued again = o.enqueue(n);
        Enqueued keyed = o.enqueue(Fixtures.notification(2, "example.com"), "comment-2-user-5");
        Enqueued keyedAgain = o.enqueue(Fixtures.notification(3, "example.com"), "comment-2-user-5");

        assertThat(first.duplicate()).isFalse();
        assertThat(again).isEqualTo(new Enqueued(first.id(), first.idempotencyKey(), true));
        assertThat(first.idempotencyKey()).startsWith("m1-").hasSize(67);
        assertThat(keyedAgain.id()).isEqualTo(keyed.id());
        assertThat(keyedAgain.duplicate()).isTrue();
        assertThat(o.admin().status().count(EntryState.QUEUED)).isEqualTo(2);
        assertThat(listener.enqueued).hasValue(2);
    }

    @Test
    void aNotificationThatCannotBeComposed_isRefusedAtEnqueue_andNothingIsStored() {
        ScriptedRelay relay = relay();
        Outbox o = outbox(newStore(), relay.port(), b -> b.workers(0));
        assertThatThrownBy(() -> o.enqueue(Notification.builder().thread(Fixtures.notification(1, "x.org").thread())
                .reason(dev.mailwright.smtp.Reason.MENTION).actor(new dev.mailwright.smtp.Actor("octocat", "Octo"))
                .recipient(new dev.mailwright.smtp.Recipient("mona@example.com", 5, "mona"))
                .title("Hello\r\nBcc: everyone@example.com").textBody("hi")
                .threadUrl(java.net.URI.create("https://ghe.example.com/x")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title");
        assertThatThrownBy(() -> new dev.mailwright.smtp.Recipient("mona@@example.com", 5, "mona"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recipient address");
        assertThatThrownBy(() -> o.enqueue(Fixtures.notification(1, "example.com"), "a key with spaces"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a key with spaces'");
        assertThat(o.admin().status().pending()).isZero();
    }

    @Test
    void aRecipientRefusedWith5xx_failsForGood_withTheClassifiedFailure() {
        ScriptedRelay relay = relay().reply("gone.example", "550 5.1.1 no such user here");
        Outbox o = outbox(newStore(), relay.port(), b -> b.workers(2)).start();
        Enqueued e = o.enqueue(Fixtures.notification(1, "gone.example"));
        o.enqueue(Fixtures.notification(2, "example.com"));
        awaitSettled(o, 2);

        OutboxEntry failed = o.admin().list(EntryFilter.of(EntryState.FAILED), 10).get(0);
        assertThat(failed.id()).isEqualTo(e.id());
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastFailure().category()).isEqualTo("RECIPIENT_REJECTED");
        assertThat(failed.lastFailure().replyCode()).isEqualTo(550);
        assertThat(failed.lastFailure().enhancedStatus()).isEqualTo("5.1.1");
        assertThat(listener.failed).hasValue(1);
        assertThat(listener.sent).hasValue(1);
    }

    @Test
    void relayDownLongerThanTheSchedule_deadLettersEachEntryWithItsReason_thenRetryAndPurgeWork() {
        ScriptedRelay relay = ScriptedRelay.stopped();
        closing.add(relay);
        Outbox o = outbox(newStore(), relay.port(), new RetrySchedule(Duration.ofMillis(20), Duration.ofMillis(100),
                Duration.ofMillis(600)), b -> b.workers(2)).start();
        for (int i = 0; i < 10; i++) {
            o.enqueue(Fixtures.notification(i, "example.com"));
        }
        awaitSettled(o, 10);

        List<OutboxEntry> dead = o.admin().list(EntryFilter.of(EntryState.DEAD), 100);
        assertThat(dead).hasSize(10).allSatisfy(e -> {
            assertThat(e.lastFailure().category()).isEqualTo("CONNECTION_REFUSED");
            assertThat(e.attempts()).isGreaterThan(1);
        });
        assertThat(listener.dead).hasValue(10);
        assertThat(listener.deferred.get()).isGreaterThanOrEqualTo(10);

        relay.startServer();
        List<Long> progress = new ArrayList<>();
        assertThat(o.admin().retry(EntryFilter.of(EntryState.DEAD).withId(dead.get(0).id()), progress::add)).isEqualTo(1);
        Await.until(WAIT, () -> o.admin().status().count(EntryState.SENT) == 1, () -> "the retried entry sent");
        assertThat(o.admin().purge(EntryFilter.of(EntryState.DEAD), progress::add)).isEqualTo(9);
        assertThat(progress).containsExactly(1L, 9L);
        assertThat(o.admin().status().count(EntryState.DEAD)).isZero();
        assertThat(relay.distinct()).isEqualTo(1);
    }

    @Test
    void relayAnswering421ToEveryOtherConnection_everyEntryEndsSent() {
        ScriptedRelay relay = relay().refuseEveryOtherConnection(true);
        Outbox o = outbox(newStore(), relay.port(), b -> b.workers(3)).start();
        for (int i = 0; i < 30; i++) {
            o.enqueue(Fixtures.notification(i, "example.com"));
        }
        awaitSettled(o, 30);

        assertThat(o.admin().status().count(EntryState.SENT)).isEqualTo(30);
        assertThat(relay.distinct()).isEqualTo(30);
        assertThat(relay.refusedConnections()).isPositive();
        assertThat(listener.deferred.get()).isPositive();
    }

    @Test
    void relayRestartedMidBatch_everyEntryEndsSent() throws Exception {
        ScriptedRelay relay = relay().delay(5);
        Outbox o = outbox(newStore(), relay.port(), b -> b.workers(4)).start();
        for (int i = 0; i < 200; i++) {
            o.enqueue(Fixtures.notification(i, "example.com"));
        }
        Await.until(WAIT, () -> relay.total() >= 40, () -> "40 messages before the restart");
        relay.stopServer();
        Thread.sleep(300);
        relay.startServer();
        awaitSettled(o, 200);

        assertThat(o.admin().list(EntryFilter.of(EntryState.FAILED, EntryState.DEAD), 10)).isEmpty();
        assertThat(o.admin().status().count(EntryState.SENT)).isEqualTo(200);
        assertThat(relay.distinct()).isEqualTo(200);
        assertThat(relay.duplicates()).as("duplicates are possible only for messages cut at the end of DATA")
                .isLessThanOrEqualTo(4);
    }

    @Test
    void aSlowDomainAtItsLimit_doesNotHoldBackTheOthers() {
        ScriptedRelay relay = relay().delay("slow.example", 400);
        Outbox o = outbox(newStore(), relay.port(), b -> b.workers(4)
                .domainLimits(DomainLimits.builder().domain("slow.example", 1, 100).build())).start();
        for (int i = 0; i < 6; i++) {
            o.enqueue(Fixtures.notification(i, "slow.example"));
        }
        for (int i = 100; i < 140; i++) {
            o.enqueue(Fixtures.notification(i, "fast.example"));
        }
        Await.until(WAIT, () -> sentTo(o, "fast.example") == 40, () -> "40 sent to fast.example");

        assertThat(sentTo(o, "slow.example")).as("one at a time, 400 ms each").isLessThan(6);
        awaitSettled(o, 46);
        assertThat(relay.distinct()).isEqualTo(46);
    }

    @Test
    void aDomainAnsweringRateLimited_isPaused_whileOthersFlow() {
        ScriptedRelay relay = relay().reply("busy.example", "421 4.7.28 too many messages, slow down");
        Outbox o = outbox(newStore(), relay.port(), new RetrySchedule(Duration.ofMinutes(2), Duration.ofMinutes(2),
                Duration.ofMinutes(10)), b -> b.workers(2) // the pause outlasts the drain, even under load
                .domainLimits(DomainLimits.builder().domain("busy.example", 1, 100).build())).start();
        for (int i = 0; i < 12; i++) {
            o.enqueue(Fixtures.notification(i, "busy.example"));
        }
        for (int i = 100; i < 130; i++) {
            o.enqueue(Fixtures.notification(i, "fine.example"));
        }
        Await.until(WAIT, () -> sentTo(o, "fine.example") == 30, () -> "30 sent to fine.example");

        List<OutboxEntry> busy = o.admin().list(EntryFilter.of(EntryState.QUEUED).withDomain("busy.example"), 20);
        assertThat(busy).as("the first refusal pauses the domain: the others wait untried")
                .anySatisfy(e -> assertThat(e.attempts()).isZero());
        assertThat(busy).filteredOn(e -> e.attempts() > 0).allSatisfy(e -> {
            assertThat(e.lastFailure().enhancedStatus()).isEqualTo("4.7.28");
            assertThat(e.lastFailure().category()).isEqualTo("TRANSIENT");
        });
        relay.reply("busy.example", null);
    }

    static long sentTo(Outbox o, String domain) {
        return o.admin().list(EntryFilter.of(EntryState.SENT).withDomain(domain), 1000).size();
    }
}
