package dev.mailwright.smtp.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptEvent;
import org.junit.jupiter.api.Test;

/** Redaction of AUTH payloads in any case or spacing, and of the body after DATA. */
class RedactionTest {

    private static String redact(String... lines) {
        return Transcript.parse(String.join("\n", lines)).toText();
    }

    @Test
    void authPlain_initialResponse_anyCaseAndSpacing() {
        assertThat(redact("<- \"auth   plain   AG5vdGlmaWNhdGlvbnNAZXhhbXBsZS5jb20AczNjcmV0\\r\\n\""))
                .isEqualTo("<- \"AUTH PLAIN [redacted: AUTH PLAIN credentials (user name and password)]\\r\\n\"\n");
    }

    @Test
    void authPlain_responseOnTheNextLine() {
        assertThat(redact("<- \"Auth Plain\\r\\n\"", "-> \"334 \\r\\n\"", "<- \"AG5vdGlmaWNhdGlvbnMAczNjcmV0\\r\\n\"",
                "-> \"235 2.7.0 Authentication successful\\r\\n\""))
                .contains("<- \"[redacted: AUTH PLAIN credentials (user name and password)]\\r\\n\"")
                .doesNotContain("AG5v");
    }

    @Test
    void authLogin_userNameOnTheAuthLine_thenPassword() {
        assertThat(redact("<- \"AUTH\\tLOGIN dXNlcg==\\r\\n\"", "-> \"334 UGFzc3dvcmQ6\\r\\n\"", "<- \"czNjcmV0\\r\\n\"",
                "-> \"235 ok\\r\\n\"", "<- \"MAIL FROM:<a@example.com>\\r\\n\""))
                .isEqualTo("<- \"AUTH LOGIN [redacted: AUTH LOGIN user name]\\r\\n\"\n-> \"334 UGFzc3dvcmQ6\\r\\n\"\n"
                        + "<- \"[redacted: AUTH LOGIN password]\\r\\n\"\n-> \"235 ok\\r\\n\"\n"
                        + "<- \"MAIL FROM:<a@example.com>\\r\\n\"\n");
    }

    @Test
    void xoauth2_tokenAndTheEmptyResponseAfterAnErrorChallenge() {
        assertThat(redact("<- \"AUTH XOAUTH2 dXNlcj1hAWF1dGg9QmVhcmVyIHRvawEB\\r\\n\"", "-> \"334 eyJzdGF0dXMiOiI0MDEifQ==\\r\\n\"",
                "<- \"\\r\\n\"", "-> \"535 5.7.8 Username and Password not accepted\\r\\n\""))
                .contains("<- \"AUTH XOAUTH2 [redacted: AUTH XOAUTH2 token]\\r\\n\"", "<- \"[redacted: AUTH XOAUTH2 response]\\r\\n\"")
                .doesNotContain("dXNlcj1h");
    }

    @Test
    void otherMechanisms_responsesAreRedactedToo() {
        assertThat(redact("<- \"AUTH CRAM-MD5\\r\\n\"", "-> \"334 PDEyMzQ1QGV4YW1wbGU+\\r\\n\"", "<- \"dXNlciBhYmNkZWY=\\r\\n\"",
                "-> \"235 ok\\r\\n\"")).contains("<- \"[redacted: AUTH CRAM-MD5 response]\\r\\n\"").doesNotContain("dXNlciBh");
    }

    @Test
    void body_isLeftOut_headersKept() {
        String text = redact("<- \"DATA\\r\\n\"", "-> \"354 go\\r\\n\"", "<- \"Subject: hello\\r\\n\"", "<- \"\\r\\n\"",
                "<- \"secret body line 1\\r\\n\"", "<- \"line 2\\r\\n\"", "<- \".\\r\\n\"", "-> \"250 ok\\r\\n\"");
        assertThat(text).contains("<- \"Subject: hello\\r\\n\"", "[body left out: 2 lines, 28 bytes]", "<- \".\\r\\n\"")
                .doesNotContain("secret body");
    }

    @Test
    void quoting_roundTripsControlCharactersAndQuotes() {
        Transcript t = Transcript.parse("-> \"250 \\\"quoted\\\" \\\\ back\\x01 #{x}\\r\\n\"");
        assertThat(((TranscriptEvent.Line) t.events().get(0)).text()).isEqualTo("250 \"quoted\" \\ back\u0001 #{x}");
        assertThat(t.toText()).isEqualTo("-> \"250 \\\"quoted\\\" \\\\ back\\x01 \\#{x}\\r\\n\"\n");
        assertThat(t.toSeedText()).isEqualTo(t.toText());
    }
}
