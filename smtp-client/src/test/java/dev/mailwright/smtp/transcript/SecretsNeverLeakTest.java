package dev.mailwright.smtp.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.smtp.testmail.EmailSettingsTester;
import dev.mailwright.smtp.testmail.TestEmailResult;
import dev.mailwright.smtp.testsupport.SmtpSink;
import dev.mailwright.smtp.testsupport.SubethaServer;
import dev.mailwright.smtp.testsupport.TestSettings;
import dev.mailwright.smtp.testsupport.TestTls;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Neither the password nor any base64 form of it appears in a transcript (text or JSON), a log
 * line, or an exception, for LOGIN and PLAIN, accepted or refused.
 */
class SecretsNeverLeakTest {
    private static final String PASSWORD = TestSettings.PASSWORD;
    private static final Pattern BASE64_TOKEN = Pattern.compile("[A-Za-z0-9+/]{4,}={0,2}");

    /** @return true when the text holds the password, a base64 encoding of it, or a token that decodes to it */
    static boolean leaks(String text) {
        if (text.contains(PASSWORD)) {
            return true;
        }
        for (int pad = 0; pad < 3; pad++) {
            String prefix = "\0".repeat(pad) + SubethaServer.USER + "\0";
            String enc = Base64.getEncoder().encodeToString((prefix + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (text.contains(enc) || text.contains(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)))) {
                return true;
            }
        }
        Matcher m = BASE64_TOKEN.matcher(text);
        while (m.find()) {
            for (int cut = 0; cut < 4; cut++) {
                String token = m.group().substring(Math.min(cut, m.group().length()));
                try {
                    String decoded = new String(Base64.getMimeDecoder().decode(token), StandardCharsets.ISO_8859_1);
                    if (decoded.contains(PASSWORD)) {
                        return true;
                    }
                } catch (IllegalArgumentException notBase64) {
                    // not a base64 token
                }
            }
        }
        return false;
    }

    @Test
    void leaks_detectsTheFormsItLooksFor() {
        assertThat(leaks("x " + PASSWORD)).isTrue();
        assertThat(leaks(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(leaks(Base64.getEncoder().encodeToString(("\0u\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(leaks("[redacted: AUTH LOGIN password]")).isFalse();
    }

    @Test
    void password_neverInTranscriptsLogsOrExceptions() throws IOException {
        List<String> outputs = new ArrayList<>();
        EmailSettingsTester tester = EmailSettingsTester.builder().sslSocketFactory(TestTls.get().trustingClientFactory()).build();
        for (AuthMethod auth : List.of(AuthMethod.LOGIN, AuthMethod.PLAIN)) {
            try (SubethaServer ok = SubethaServer.start(PASSWORD); SubethaServer refusing = SubethaServer.start("other")) {
                for (int port : new int[] {ok.port(), refusing.port()}) {
                    TestEmailResult r = tester.send(TestSettings.login("localhost", port, ConnectionSecurity.STARTTLS_REQUIRED, PASSWORD)
                            .auth(auth).build(), "admin@example.com");
                    outputs.add(r.findings().toString());
                    outputs.add(r.transcript().toText());
                    outputs.add(r.toString());
                    assertThat(r.transcript().events()).anyMatch(e -> e instanceof TranscriptEvent.Line l && l.redacted());
                }
                assertThat(ok.messages()).hasSize(1);
            }
        }
        try (SmtpSink sink = SmtpSink.start("-B", "535 5.7.8 Error: authentication failed", "-f", "AUTH")) {
            outputs.add(angusException(sink.port()));
        }
        Path log = Path.of("target/mailwright-test.log");
        assertThat(log).exists();
        String logText = Files.readString(log);
        assertThat(logText).contains("SMTP <- \"[redacted: AUTH LOGIN password]\\r\\n\"");
        outputs.add(logText);

        for (String out : outputs) {
            assertThat(leaks(out)).as("leaks the password:\n%s", out).isFalse();
        }
    }

    private static String angusException(int port) {
        TranscriptCapture capture = TranscriptCapture.create();
        Properties p = new Properties();
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.auth.mechanisms", "PLAIN");
        p.putAll(capture.sessionProperties());
        try (Transport t = Session.getInstance(p).getTransport("smtp")) {
            t.connect("127.0.0.1", port, SubethaServer.USER, PASSWORD);
            throw new AssertionError("authentication should have failed");
        } catch (MessagingException e) {
            StringWriter w = new StringWriter();
            e.printStackTrace(new PrintWriter(w));
            String text = capture.transcript().toText();
            assertThat(text).contains("AUTH PLAIN [redacted: AUTH PLAIN credentials (user name and password)]", "-> \"535 5.7.8");
            return w + "\n" + e.getMessage() + "\n" + text;
        }
    }
}
