package dev.mailwright.core.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SuppressionListTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T19:00:00Z"));
    private final Clock clock = new Clock() {
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
            return now.get();
        }
    };
    private final SuppressionList list = SuppressionList.builder().store(SuppressionStores.memory()).clock(clock).build();

    private void later(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void twoHardBounces_reachTheDefaultThreshold_andSuppress() {
        SuppressionEntry first = list.record("Octocat@Example.com", DeliveryProblem.HARD_BOUNCE, "5.1.1 user unknown", "<a@mta>");
        assertThat(first.score()).isEqualTo(2);
        assertThat(list.isSuppressed("octocat@example.com")).isFalse();
        later(Duration.ofDays(1));
        SuppressionEntry second = list.record("octocat@example.com", DeliveryProblem.HARD_BOUNCE, "5.1.1", "<b@mta>");
        assertThat(second.isSuppressed()).isTrue();
        assertThat(second.suppressedAt()).isEqualTo(now.get());
        assertThat(second.hardBounces()).isEqualTo(2);
        assertThat(list.isSuppressed("OCTOCAT@example.com")).isTrue();
        assertThat(list.suppressed()).extracting(SuppressionEntry::address).containsExactly("octocat@example.com");
    }

    @Test
    void softBouncesCountLess_fourAreNeeded() {
        for (int i = 0; i < 3; i++) {
            list.record("a@example.com", DeliveryProblem.SOFT_BOUNCE, "4.2.2 mailbox full", "<s" + i + "@mta>");
        }
        assertThat(list.isSuppressed("a@example.com")).isFalse();
        assertThat(list.record("a@example.com", DeliveryProblem.SOFT_BOUNCE, "", "<s3@mta>").isSuppressed()).isTrue();
    }

    @Test
    void theScoreResetsAfterTheQuietPeriod() {
        list.record("a@example.com", DeliveryProblem.HARD_BOUNCE, "", "<1@mta>");
        later(Duration.ofDays(31));
        SuppressionEntry e = list.record("a@example.com", DeliveryProblem.HARD_BOUNCE, "", "<2@mta>");
        assertThat(e.score()).isEqualTo(2);
        assertThat(e.isSuppressed()).isFalse();
        later(Duration.ofDays(29));
        assertThat(list.record("a@example.com", DeliveryProblem.HARD_BOUNCE, "", "<3@mta>").isSuppressed()).isTrue();
    }

    @Test
    void aComplaintSuppressesAtOnce() {
        SuppressionEntry e = list.record("a@example.com", DeliveryProblem.COMPLAINT, "abuse", "<arf@fbl>");
        assertThat(e.isSuppressed()).isTrue();
        assertThat(e.complaints()).isEqualTo(1);
    }

    @Test
    void theSameEventTwice_countsOnce() {
        list.record("a@example.com", DeliveryProblem.HARD_BOUNCE, "", "<same@mta>");
        SuppressionEntry again = list.record("a@example.com", DeliveryProblem.HARD_BOUNCE, "", "<same@mta>");
        assertThat(again.score()).isEqualTo(2);
        assertThat(again.hardBounces()).isEqualTo(1);
    }

    @Test
    void lift_forgetsTheAddress_andSaysWhetherItWasKnown() {
        list.record("a@example.com", DeliveryProblem.COMPLAINT, "", "");
        assertThat(list.lift("A@example.com")).isTrue();
        assertThat(list.isSuppressed("a@example.com")).isFalse();
        assertThat(list.status("a@example.com")).isEmpty();
        assertThat(list.lift("a@example.com")).isFalse();
    }

    @Test
    void aCustomPolicy_isApplied_andBadValuesAreRefusedWithTheValue() {
        SuppressionList strict = SuppressionList.builder().store(SuppressionStores.memory())
                .policy(new SuppressionPolicy(5, 0, 5, Duration.ofDays(7))).build();
        assertThat(strict.record("a@example.com", DeliveryProblem.SOFT_BOUNCE, "", "").score()).isZero();
        assertThat(strict.record("a@example.com", DeliveryProblem.HARD_BOUNCE, "", "").isSuppressed()).isTrue();
        assertThatThrownBy(() -> new SuppressionPolicy(0, 1, 4, Duration.ofDays(1))).hasMessageContaining("was 0");
        assertThatThrownBy(() -> new SuppressionPolicy(2, 1, 4, Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> SuppressionList.builder().build()).hasMessageContaining("store(...) is required");
        assertThatThrownBy(() -> SuppressionList.builder().clock(clock).clock(clock)).hasMessageContaining("already set");
        assertThatThrownBy(() -> list.record("not an address", DeliveryProblem.HARD_BOUNCE, "", ""))
                .hasMessageContaining("not an address");
    }

    @Test
    void deliveryProblem_classifiesEnhancedCodesFirst_thenReplyCodes() {
        assertThat(DeliveryProblem.classify(550, "5.1.1")).contains(DeliveryProblem.HARD_BOUNCE);
        assertThat(DeliveryProblem.classify(0, "5.1.10")).contains(DeliveryProblem.HARD_BOUNCE);
        assertThat(DeliveryProblem.classify(550, "5.2.1")).contains(DeliveryProblem.HARD_BOUNCE);
        assertThat(DeliveryProblem.classify(552, "5.2.2")).contains(DeliveryProblem.SOFT_BOUNCE);
        assertThat(DeliveryProblem.classify(550, "5.7.1")).contains(DeliveryProblem.SOFT_BOUNCE);
        assertThat(DeliveryProblem.classify(450, "4.2.2")).contains(DeliveryProblem.SOFT_BOUNCE);
        assertThat(DeliveryProblem.classify(550, null)).contains(DeliveryProblem.HARD_BOUNCE);
        assertThat(DeliveryProblem.classify(554, null)).contains(DeliveryProblem.SOFT_BOUNCE);
        assertThat(DeliveryProblem.classify(421, "")).contains(DeliveryProblem.SOFT_BOUNCE);
        assertThat(DeliveryProblem.classify(250, "2.1.5")).isEmpty();
        assertThat(DeliveryProblem.classify(0, "garbage")).isEmpty();
    }
}
