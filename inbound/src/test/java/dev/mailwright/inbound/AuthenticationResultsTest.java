package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {
    @Test
    void parse_readsTheTopmostHeader_ignoringComments() {
        AuthenticationResults r = AuthenticationResults.parse(List.of(
                "mx.google.com;\r\n       dkim=pass header.i=@icloud.com header.s=1a1hai header.b=abc;"
                        + "\r\n       spf=softfail (google.com: domain of transitioning x) smtp.mailfrom=x@icloud.com;"
                        + "\r\n       dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=icloud.com",
                "other.example; dkim=fail"));

        assertThat(r).isEqualTo(new AuthenticationResults("mx.google.com", "pass", "softfail", "fail"));
        assertThat(r.aligned()).isFalse();
    }

    @Test
    void parse_withoutHeader_isNone_andNoResultIsNone() {
        assertThat(AuthenticationResults.parse(List.of())).isEqualTo(AuthenticationResults.NONE);
        assertThat(AuthenticationResults.parse(List.of("mx.example.com 1; none")))
                .isEqualTo(new AuthenticationResults("mx.example.com", "none", "none", "none"));
    }
}
