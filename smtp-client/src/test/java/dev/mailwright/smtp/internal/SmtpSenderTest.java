package dev.mailwright.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.smtp.SmtpReply;
import org.junit.jupiter.api.Test;

class SmtpSenderTest {

    private static String queueId(String reply) {
        return SmtpSender.queueId(SmtpReply.parse(reply).orElseThrow());
    }

    @Test
    void queueId_fromTheFinalReplyOfCommonServers() {
        assertThat(queueId("250 2.0.0 Ok: queued as 4XyZ1b2C3d")).isEqualTo("4XyZ1b2C3d"); // Postfix
        assertThat(queueId("250 2.0.0 OK id=1rAbCd-000123-Xy")).isEqualTo("1rAbCd-000123-Xy"); // Exim
        assertThat(queueId("250 2.0.0 Ok")).isNull(); // smtp-sink
        assertThat(queueId("250 OK")).isNull(); // GreenMail
    }

    @Test
    void reply_keepsTheServersTextOrFallsBackToTheCode() {
        assertThat(SmtpSender.reply(550, "550 5.1.1 <x@example.com>: Recipient address rejected"))
                .isEqualTo(new SmtpReply(550, "5.1.1", "<x@example.com>: Recipient address rejected"));
        assertThat(SmtpSender.reply(451, "temporary")).isEqualTo(new SmtpReply(451, null, "temporary"));
        assertThat(SmtpSender.reply(-1, "x")).isNull();
    }
}
