package dev.mailwright.smtp.internal.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.smtp.TranscriptOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class CapturedConnectionTest {
    @Test
    void overlongLines_areCut_andSaySo() {
        CapturedConnection c = new CapturedConnection(Clock.systemUTC(), TranscriptOptions.defaults());
        byte[] line = ("250 " + "x".repeat(CapturedConnection.MAX_LINE + 96) + "\r\n250 next\r\n").getBytes(StandardCharsets.US_ASCII);
        c.serverBytes(line, 0, line.length);

        String text = c.transcript().toText();
        assertThat(text).contains(" [line cut: 100 more bytes]\\r\\n\"\n-> \"250 next\\r\\n\"");
    }

    @Test
    void aPartialClientLine_isNeverEmitted_atClose() {
        CapturedConnection c = new CapturedConnection(Clock.systemUTC(), TranscriptOptions.defaults());
        byte[] partial = "czNjcmV0".getBytes(StandardCharsets.US_ASCII);
        c.clientBytes(partial, 0, partial.length);
        c.closed(false);

        assertThat(c.transcript().toText()).isEqualTo("Connection closed\n");
    }
}
