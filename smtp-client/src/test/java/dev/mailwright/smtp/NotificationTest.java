package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bug\r\nBcc: victim@example.com", "Bug\nX-Evil: 1", "Bug\rX", "Bug\u0000"})
    void title_refusesCrLfNul(String title) {
        assertThatThrownBy(() -> Fixtures.issue().title(title).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("title")
                .hasMessageContaining("inject");
    }

    @Test
    void displayName_refusesLineBreak() {
        assertThatThrownBy(() -> new Actor("mona", "Mona\r\nBcc: x@example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor display name")
                .hasMessageContaining("\\r\\n");
    }

    @Test
    void recipientAddress_refusesInjectionAndDisplayNames() {
        assertThatThrownBy(() -> new Recipient("a@example.com\r\nBcc: b@example.com", 1, "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recipient address");
        assertThatThrownBy(() -> new Recipient("A <a@example.com>", 1, "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bare address");
    }

    @Test
    void urlsAndIds_refuseInjection() {
        assertThatThrownBy(() -> Fixtures.issue().eventId("c1\nX: y").build()).hasMessageContaining("event id");
        assertThatThrownBy(() -> Fixtures.issue().unsubscribeUrl(URI.create("http://ghe.example.com/u")).build())
                .hasMessageContaining("https");
        assertThatThrownBy(() -> Reason.custom("Bad Reason", "x")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> ThreadRef.issue("octo", "hello\r\n", 1, 1)).hasMessageContaining("repository name");
        assertThatThrownBy(() -> Fixtures.issue().textBody("a\u0000b").build()).hasMessageContaining("NUL");
    }

    @Test
    void reasons_builtInByNameAndUnknownListed() {
        assertThat(Reason.named("review_requested")).isEqualTo(Reason.REVIEW_REQUESTED);
        assertThat(Reason.REVIEW_REQUESTED.displayName()).isEqualTo("Review requested");
        assertThatThrownBy(() -> Reason.named("nope")).hasMessageContaining("security_alert");
    }

    @Test
    void commitThread_showsShortId() {
        ThreadRef t = ThreadRef.commit("o", "r", "1801beb4df676a79250d1e61e54ab763822c207d", 9);
        assertThat(t.displayKey()).isEqualTo("1801beb");
        assertThat(t.path()).isEqualTo("o/r/commit/1801beb4df676a79250d1e61e54ab763822c207d");
        assertThatThrownBy(() -> ThreadRef.commit("o", "r", "XYZ", 9)).hasMessageContaining("hex");
    }
}
