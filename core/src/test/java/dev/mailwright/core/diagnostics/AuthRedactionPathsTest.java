package dev.mailwright.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.core.smtp.TranscriptOptions;
import dev.mailwright.core.smtp.TranscriptRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two paths that redact SMTP authentication, the transcript capture (which knows who sent each
 * line) and the support bundle's redactor (which reads a free-form log), go through one
 * implementation: fed the same exchange, they mask the same lines with the same placeholders.
 */
class AuthRedactionPathsTest {
    private static final String USER = "YWxpY2U=";
    private static final String PASSWORD = "aXRyZWFsbHl3YXM=";
    private static final String PLAIN = "AGFsaWNlAGl0cmVhbGx5d2Fz";
    private static final String TOKEN = "dXNlcj1hbGljZQFhdXRoPUJlYXJlciB5YTI5LnNlY3JldAEB";

    /** Each exchange: S: for the server, C: for the client. */
    private static List<String> exchange(String mechanism) {
        return switch (mechanism) {
            case "LOGIN" -> List.of("C:AUTH LOGIN", "S:334 VXNlcm5hbWU6", "C:" + USER, "S:334 UGFzc3dvcmQ6", "C:" + PASSWORD,
                    "S:235 2.7.0 Accepted", "C:MAIL FROM:<a@example.com>", "S:250 ok");
            case "PLAIN" -> List.of("C:AUTH PLAIN " + PLAIN, "S:535 5.7.8 Authentication failed", "C:QUIT", "S:221 bye");
            case "PLAIN-CHALLENGED" -> List.of("C:AUTH PLAIN", "S:334 ", "C:" + PLAIN, "S:235 ok", "C:NOOP", "S:250 ok");
            default -> List.of("C:AUTH XOAUTH2 " + TOKEN, "S:334 eyJzdGF0dXMiOiI0MDEifQ==", "C:", "S:535 5.7.8 no",
                    "C:QUIT", "S:221 bye");
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOGIN", "PLAIN", "PLAIN-CHALLENGED", "XOAUTH2"})
    void theCaptureAndTheBundleRedactor_maskTheSameLines_withTheSamePlaceholders(String mechanism) {
        List<String> lines = exchange(mechanism);
        List<TranscriptEvent> events = new ArrayList<>();
        TranscriptRecorder recorder = new TranscriptRecorder(TranscriptOptions.defaults(), events::add);
        CredentialRedactor redactor = new CredentialRedactor();
        List<String> fromBundle = new ArrayList<>();
        for (String l : lines) {
            String text = l.substring(2);
            if (l.startsWith("S:")) {
                recorder.server(text, Instant.EPOCH);
                fromBundle.add(redactor.line(text));
            } else {
                recorder.client(text, Instant.EPOCH);
                fromBundle.add(redactor.line("C: " + text).substring(3));
            }
        }
        List<String> fromCapture = events.stream().map(e -> ((TranscriptEvent.Line) e).text()).toList();

        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("C:")) {
                continue; // an empty XOAUTH2 answer carries nothing; the capture marks it, free text cannot see it
            }
            assertThat(fromBundle.get(i)).as("line %d of %s", i, lines).isEqualTo(fromCapture.get(i));
        }
        assertThat(String.join("\n", fromCapture)).contains(TranscriptRecorder.REDACTED_PREFIX + "AUTH ")
                .doesNotContain(USER, PASSWORD, PLAIN, TOKEN);
        assertThat(String.join("\n", fromBundle)).doesNotContain(USER, PASSWORD, PLAIN, TOKEN);
    }
}
