package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.smtp.testmail.EmailSettingsTester;
import dev.mailwright.smtp.testmail.TestEmailResult;
import dev.mailwright.smtp.testsupport.ScriptedSmtpServer;
import dev.mailwright.smtp.transcript.TranscriptAnalyzer;
import dev.mailwright.smtp.transcript.TranscriptCapture;
import java.io.IOException;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * One failure, one verdict: the same refusal (or dropped connection), fed through the send path
 * (a notification through {@link SmtpTransport}, whose {@link SendResult.Failed#failure()} comes
 * from what Angus threw or from the replies the transaction read) and through the transcript path
 * (the capture of that very conversation, read by {@link TranscriptAnalyzer}), gets the same
 * {@link FailureClass}; so does the test email sent to the same server. A scripted server refuses at the greeting, MAIL, RCPT, DATA or the end of
 * the data, with and without PIPELINING.
 */
class SendAndTranscriptAgreeProperties {
    private static ScriptedSmtpServer server;

    @BeforeContainer
    static void start() throws IOException {
        server = new ScriptedSmtpServer();
    }

    @AfterContainer
    static void stop() throws IOException {
        server.close();
    }

    @Property(tries = 120)
    void theSendAndItsTranscriptGetTheSameVerdict(@ForAll("scripts") ScriptedSmtpServer.Script script) {
        server.script(script);
        EmailSettings settings = Fixtures.settings("127.0.0.1", server.port(), ConnectionSecurity.NONE).toBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(5)).readTimeout(java.time.Duration.ofSeconds(5)).build();
        TranscriptCapture capture = TranscriptCapture.create();
        SendResult result;
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(settings)
                .sessionProperties(capture.sessionProperties()).build(), settings).retry(RetryPolicy.NONE).build()) {
            result = mailer.send(Fixtures.issue().build());
        }
        Optional<FailureClass> fromTranscript = TranscriptAnalyzer.standard()
                .analyze(capture.transcript(), TranscriptAnalyzer.Expectations.of(settings)).failure();

        assertThat(result).as("%s", script).isInstanceOf(SendResult.Failed.class);
        FailureClass fromSend = ((SendResult.Failed) result).failure();
        assertThat(fromTranscript).as("%s%n%s%nsend: %s", script, capture.transcript().toText(), result).contains(fromSend);
        assertThat(fromSend.isTransient()).isEqualTo(fromSend.category().isTransient());
        // the test email, which classifies its own capture, reaches the same verdict for the same server
        TestEmailResult test = EmailSettingsTester.builder().tlsProbe(false).build().send(settings, "admin@example.com");
        assertThat(test.failure()).as("test email: %s%n%s", script, test.transcript().toText()).contains(fromSend);
    }

    @Example
    void aRelayDenialAtRcpt_isTheSameForBothPaths() {
        theSendAndItsTranscriptGetTheSameVerdict(new ScriptedSmtpServer.Script("RCPT", "554 5.7.1 <octocat@example.com>: Relay"
                + " access denied", true));
    }

    @Provide
    Arbitrary<ScriptedSmtpServer.Script> scripts() {
        Arbitrary<String> command = Arbitraries.of("BANNER", "MAIL", "RCPT", "DATA", ".");
        Arbitrary<Integer> code = Arbitraries.of(421, 450, 451, 452, 454, 530, 535, 550, 551, 552, 553, 554);
        Arbitrary<String> text = Arbitraries.of("Relay access denied", "<nobody@example.com>: Recipient address rejected:"
                + " User unknown", "Greylisted, please try again later", "Too many connections, slow down",
                "Message size exceeds fixed limit", "Must issue a STARTTLS command first", "Authentication required",
                "Service not available, closing transmission channel", "Rejected by policy",
                "Application-specific password required");
        Arbitrary<String> detail = Arbitraries.of("", "1.1", "7.1", "7.0", "3.4", "2.0");
        Arbitrary<String> reply = Combinators.combine(code, detail, text)
                .as((c, d, t) -> c + (d.isEmpty() ? "" : " " + c / 100 + "." + d) + " " + t);
        Arbitrary<String> replyOrClose = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, reply), net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
        return Combinators.combine(command, replyOrClose, Arbitraries.of(true, false)).as(ScriptedSmtpServer.Script::new);
    }
}
