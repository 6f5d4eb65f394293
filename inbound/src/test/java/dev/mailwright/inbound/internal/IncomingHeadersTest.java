package dev.mailwright.inbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncomingHeadersTest {
    private static IncomingHeaders of(String message) {
        return new IncomingHeaders(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)),
                Set.of("mx.ghe.example.com"), () -> "<added@reply.ghe.example.com>");
    }

    private static String read(IncomingHeaders h) throws IOException {
        return new String(h.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void addsAMessageId_atTheEndOfTheHeader_orOfAMessageWithoutBody() throws Exception {
        IncomingHeaders h = of("From: a@b\r\nSubject: x\r\n\r\nbody\r\nMessage-ID: <in@body>\r\n");
        assertThat(read(h)).isEqualTo("From: a@b\r\nSubject: x\r\nMessage-ID: <added@reply.ghe.example.com>\r\n\r\n"
                + "body\r\nMessage-ID: <in@body>\r\n");
        assertThat(h.messageId()).isEqualTo("<added@reply.ghe.example.com>");
        assertThat(h.messageIdAdded()).isTrue();
        assertThat(read(of("From: a@b\r\n"))).isEqualTo("From: a@b\r\nMessage-ID: <added@reply.ghe.example.com>\r\n");
        assertThat(read(of("From: a@b"))).isEqualTo("From: a@b\r\nMessage-ID: <added@reply.ghe.example.com>\r\n");
    }

    @Test
    void keepsAnExistingMessageId_whateverItsCase() throws Exception {
        IncomingHeaders h = of("Message-Id:\r\n <kept@icloud.com>\r\n\r\nbody\r\n");
        assertThat(read(h)).isEqualTo("Message-Id:\r\n <kept@icloud.com>\r\n\r\nbody\r\n");
        assertThat(h.messageId()).isEqualTo("<kept@icloud.com>");
        assertThat(h.messageIdAdded()).isFalse();
    }

    @Test
    void renamesOnlyTheInstancesOwnAuthenticationResults_inTheHeader() throws Exception {
        IncomingHeaders h = of("authentication-results: MX.GHE.example.com; dmarc=pass\r\n"
                + "Authentication-Results: (comment) mx.ghe.example.com\r\n ; spf=pass\r\n"
                + "Authentication-Results: mx.ghe.example.com.evil; dkim=pass\r\n"
                + "Message-ID: <m@x>\r\n\r\nAuthentication-Results: mx.ghe.example.com; body\r\n");
        assertThat(read(h)).isEqualTo("X-Original-authentication-results: MX.GHE.example.com; dmarc=pass\r\n"
                + "X-Original-Authentication-Results: (comment) mx.ghe.example.com\r\n ; spf=pass\r\n"
                + "Authentication-Results: mx.ghe.example.com.evil; dkim=pass\r\n"
                + "Message-ID: <m@x>\r\n\r\nAuthentication-Results: mx.ghe.example.com; body\r\n");
        assertThat(h.renamed()).isEqualTo(2);
    }

    /** What a client sends is streamed: a 5 MB header line is passed on whole, looking ahead at most two fields. */
    @Test
    void aHugeHeaderLine_passesThrough_withBoundedLookahead() throws Exception {
        String huge = "X-Long: " + "y".repeat(5_000_000) + "\r\n\r\nbody\r\n";
        long[] consumed = new long[1];
        InputStream counting = new FilterInputStream(new ByteArrayInputStream(huge.getBytes(StandardCharsets.ISO_8859_1))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed[0] += Math.max(0, n);
                return n;
            }
        };
        IncomingHeaders h = new IncomingHeaders(counting, Set.of(), () -> "<a@b>");

        assertThat(h.read()).isEqualTo('X');
        assertThat(consumed[0]).isLessThanOrEqualTo(2L * IncomingHeaders.MAX_FIELD + 8192);
        String rest = read(h);
        assertThat("X" + rest).isEqualTo("X-Long: " + "y".repeat(5_000_000) + "\r\nMessage-ID: <a@b>\r\n\r\nbody\r\n");
        assertThat(h.size()).isEqualTo(huge.length() + "Message-ID: <a@b>\r\n".length());
    }
}
