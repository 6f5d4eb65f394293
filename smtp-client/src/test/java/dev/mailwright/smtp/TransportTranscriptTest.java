package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Secret;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.smtp.transcript.TranscriptAnalyzer;
import dev.mailwright.smtp.transcript.TranscriptCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The conversation of real notification sends through the pooled {@link SmtpTransport} is recorded
 * when a {@link TranscriptCapture} is installed through the transport's session properties.
 */
class TransportTranscriptTest {
    private GreenMail greenMail;

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void pooledSends_areRecorded_credentialsRedacted() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@ghe.example.com", "mailer", "Tr4nscr1pt-pw"));
        greenMail.start();
        EmailSettings settings = Fixtures.settings("127.0.0.1", greenMail.getSmtp().getPort(), ConnectionSecurity.NONE)
                .toBuilder().auth(AuthMethod.LOGIN).username("mailer").password(Secret.of("Tr4nscr1pt-pw")).build();
        TranscriptCapture capture = TranscriptCapture.create();
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(settings)
                        .dangerouslyAllowPlaintextAuthentication()
                        .sessionProperties(capture.sessionProperties()).build()).build()) {
            assertThat(mailer.send(Fixtures.issue().build())).isInstanceOf(SendResult.Sent.class);
            assertThat(mailer.send(Fixtures.pullRequestComment().build())).isInstanceOf(SendResult.Sent.class);
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        Transcript transcript = capture.transcript();
        String text = transcript.toSeedText();
        assertThat(text).contains("Connection opened: 127.0.0.1:" + greenMail.getSmtp().getPort())
                .contains("<- \"AUTH LOGIN\\r\\n\"")
                .contains("<- \"RCPT TO:<octocat@example.com>\\r\\n\"")
                .doesNotContain("Tr4nscr1pt-pw")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString("Tr4nscr1pt-pw".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        // Two messages over the pooled connection: two DATA commands in the recorded conversation.
        assertThat(text.split("<- \"DATA\\\\r\\\\n\"", -1)).hasSize(3);
        assertThat(TranscriptAnalyzer.standard().analyze(transcript).failure()).isEmpty();
    }
}
