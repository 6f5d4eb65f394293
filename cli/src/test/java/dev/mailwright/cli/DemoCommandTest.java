package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's run command is {@code mailwright demo}: it must behave from start to end. */
class DemoCommandTest {
    @Test
    void demo_runsTheWholeStory_everyStepBehaves() {
        CliRunner.Result r = CliRunner.run("demo");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out())
                .contains("== 1. Settings validated", "== 2. Test email sent, with the SMTP conversation",
                        "== 3. Notification for issue octo/hello#1 queued in the outbox while the SMTP server is down", "== 4. A person replies from their mail client",
                        "== 5. A forged reply is refused",
                        "== 6. The pipeline checks the reply, trims it and hands it to the application")
                .contains("Connection opened: 127.0.0.1:", "<- \"EHLO ghe.example.com\\r\\n\"")
                .containsPattern("Reply-To: octo/hello\\s+<reply\\+i-1-[0-9a-f]{40}-5@reply\\.ghe\\.example\\.com>")
                .contains("Without STARTTLS, Mailwright's listener answers: 530 5.7.0")
                .contains("Mailwright's listener answers: 550 5.7.1")
                .contains("  > Yes: the first line is kept now. I tried it with three replies.")
                .contains("Attempt 1 failed: CONNECTION_REFUSED", "Sent by the outbox's worker after")
                .contains("Demo finished: every step behaved.")
                .doesNotContain("[FAILED]");
        assertThat(r.out().split("\\[ok\\]", -1)).as("seven checks").hasSize(8);
    }
}
