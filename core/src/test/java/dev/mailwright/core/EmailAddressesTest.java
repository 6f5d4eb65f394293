package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {
    @Test
    void acceptsOrdinaryAddresses() {
        assertThat(EmailAddresses.isValid("noreply@ghe.example.com")).isTrue();
        assertThat(EmailAddresses.isValid("first.last+tag@example.co.uk")).isTrue();
        assertThat(EmailAddresses.isValid("reply+i-1-" + "a".repeat(40) + "-5@reply.ghe.example.com")).isTrue();
    }

    @Test
    void refusesWhatCouldInjectOrConfuse() {
        assertThat(EmailAddresses.problem("a@example.com\r\nBcc: x@example.com")).get().asString().contains("CR");
        assertThat(EmailAddresses.problem("a@exa\nmple.com")).get().asString().contains("LF");
        assertThat(EmailAddresses.problem("a\0@example.com")).get().asString().contains("NUL");
        assertThat(EmailAddresses.problem("Jane <a@example.com>")).get().asString().contains("without display name");
        assertThat(EmailAddresses.problem("\"a b\"@example.com")).isPresent();
        assertThat(EmailAddresses.problem("a..b@example.com")).get().asString().contains("double dot");
        assertThat(EmailAddresses.problem("a@[192.0.2.1]")).isPresent();
        assertThat(EmailAddresses.problem("a@-example.com")).isPresent();
        assertThat(EmailAddresses.problem("@example.com")).isPresent();
        assertThat(EmailAddresses.problem("x".repeat(65) + "@example.com")).get().asString().contains("65");
        assertThat(EmailAddresses.problem("")).isPresent();
        assertThat(EmailAddresses.problem(null)).isPresent();
    }

    @Test
    void require_namesTheValueEscaped() {
        assertThatThrownBy(() -> EmailAddresses.require("a@b.com\r\nX: y", "recipient address"))
                .hasMessageContaining("recipient address 'a@b.com\\r\\nX: y'");
    }
}
