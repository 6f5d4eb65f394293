package dev.mailwright.smtp.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.Transcript;
import org.junit.jupiter.api.Test;

/**
 * A pipelined group (RFC 2920: MAIL, RCPT and DATA sent before any answer) is analysed reply by
 * reply: each answer is paired with the command it answers, in order, not with the last command
 * sent. Real pipelined refusals are analysed in the CLI's PipelinedRefusalsAgainstListenerTest.
 */
class PipelinedTranscriptTest {
    private static final String HEAD = "Connection opened: 127.0.0.1:2525\n"
            + "-> \"220 mx.example.org ESMTP\\r\\n\"\n"
            + "<- \"EHLO ghe.example.com\\r\\n\"\n"
            + "-> \"250-mx.example.org\\r\\n\"\n"
            + "-> \"250 PIPELINING\\r\\n\"\n"
            + "<- \"MAIL FROM:<noreply@ghe.example.com>\\r\\n\"\n"
            + "<- \"RCPT TO:<octocat@example.com>\\r\\n\"\n"
            + "<- \"DATA\\r\\n\"\n";

    private static FailureClass failureOf(String replies) {
        return TranscriptAnalyzer.standard().analyze(Transcript.parse(HEAD + replies)).failure().orElse(null);
    }

    @Test
    void refusedRecipient_isTheFailure_notTheDataRefusalThatFollows() {
        assertThat(failureOf("-> \"250 2.1.0 Ok\\r\\n\"\n"
                + "-> \"550 5.1.1 <octocat@example.com>: Recipient address rejected\\r\\n\"\n"
                + "-> \"554 5.5.1 Error: no valid recipients\\r\\n\"\n")).isEqualTo(FailureClass.RECIPIENT_REFUSED);
    }

    @Test
    void refusedSender_isTheFailure() {
        assertThat(failureOf("-> \"553 5.7.1 <noreply@ghe.example.com>: Sender address rejected\\r\\n\"\n"
                + "-> \"503 5.5.1 Error: need MAIL command\\r\\n\"\n"
                + "-> \"503 5.5.1 Error: need MAIL command\\r\\n\"\n")).isEqualTo(FailureClass.SENDER_REFUSED);
    }

    @Test
    void acceptedGroup_thenTheText_isAnAcceptedMessage() {
        Diagnosis d = TranscriptAnalyzer.standard().analyze(Transcript.parse(HEAD
                + "-> \"250 2.1.0 Ok\\r\\n\"\n"
                + "-> \"250 2.1.5 Ok\\r\\n\"\n"
                + "-> \"354 End data with <CR><LF>.<CR><LF>\\r\\n\"\n"
                + "<- \".\\r\\n\"\n"
                + "-> \"250 2.0.0 Ok: queued as 4XyZ\\r\\n\"\n"));
        assertThat(d.failure()).isEmpty();
        assertThat(d.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("smtp.message.accepted"));
    }
}
