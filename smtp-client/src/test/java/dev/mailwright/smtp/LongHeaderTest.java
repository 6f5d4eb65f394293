package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.smtp.spi.OutgoingMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 13, defect 8): a 10,000-character title without spaces became a
 * 10,002-character {@code Subject} line, past RFC 5322's 998. It is encoded in words that fold.
 */
class LongHeaderTest {
    private static String[] lines(OutgoingMessage m) {
        String text = new String(m.content(), StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n");
    }

    @Test
    void aTitleWithoutSpaces_neverMakesAHeaderLineLongerThan998_andReadsBackWhole() throws Exception {
        String title = "x".repeat(10_000);
        try (NotificationMailer mailer = Fixtures.mailer(new MemoryTransport()).build()) {
            OutgoingMessage m = mailer.compose(Fixtures.issue().title(title).build());

            assertThat(Arrays.stream(lines(m)).mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(998);
            String[] l = lines(m);
            int subject = Arrays.asList(l).indexOf(Arrays.stream(l).filter(x -> x.startsWith("Subject:")).findFirst().orElseThrow());
            int folded = 0;
            for (int i = subject; i == subject || l[i].startsWith(" "); i++) {
                assertThat(l[i].length()).as("Subject line %s", l[i]).isLessThanOrEqualTo(90);
                folded++;
            }
            assertThat(folded).as("the Subject is folded over many short lines").isGreaterThan(100);
            MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(m.content()));
            assertThat(parsed.getSubject()).contains(title);
        }
    }

    @Test
    void anOrdinaryTitle_staysReadableAsIs() throws Exception {
        try (NotificationMailer mailer = Fixtures.mailer(new MemoryTransport()).build()) {
            OutgoingMessage m = mailer.compose(Fixtures.issue().title("Crash when the settings file is empty").build());

            assertThat(lines(m)).anyMatch(l -> l.startsWith("Subject: [") && l.contains("Crash when the settings file is empty"));
        }
    }
}
