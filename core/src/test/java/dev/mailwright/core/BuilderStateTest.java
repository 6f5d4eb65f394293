package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuilderStateTest {
    @Test
    void aPropertySetTwice_isRefusedNamingItAndItsValue() {
        EmailSettings.Builder b = EmailSettings.builder().port(2525);
        assertThatThrownBy(() -> b.port(587)).isInstanceOf(IllegalStateException.class)
                .hasMessage("EmailSettings.Builder: port was already set to 2525; set each property once (start from a new"
                        + " builder to change it)");
    }

    @Test
    void aPropertySetToNull_isRefusedNamingIt() {
        assertThatThrownBy(() -> EmailSettings.builder().smtpHost(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("EmailSettings.Builder: smtpHost must not be null");
        assertThatThrownBy(() -> EmailSettings.builder().connectTimeout(null)).hasMessageContaining("connectTimeout");
    }

    @Test
    void toBuilder_copiesValuesThatMayEachBeChangedOnce() {
        EmailSettings s = EmailSettings.builder().smtpHost("a.example.com").readTimeout(Duration.ofSeconds(3)).build();
        EmailSettings changed = s.toBuilder().smtpHost("b.example.com").build();
        assertThat(changed.smtpHost()).contains("b.example.com");
        assertThat(changed.readTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aSecret_isNeverNamedInTheMessage() {
        EmailSettings.Builder b = EmailSettings.builder().password(Secret.of("hunter2-Very-Secret"));
        assertThatThrownBy(() -> b.password(Secret.of("other"))).hasMessageNotContaining("hunter2");
    }
}
