package dev.mailwright.inbound.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DataStreamTest {
    /** Hands out at most {@code chunk} bytes per read, so that terminators fall across reads. */
    private static InputStream trickle(String s, int chunk) {
        ByteArrayInputStream in = new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
        return new BufferedInputStream(new InputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, Math.min(len, chunk));
            }
        });
    }

    private static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Property(tries = 50)
    void unstuffsDots_stopsAtTheTerminator_andLeavesTheNextCommandUnread(@ForAll @IntRange(min = 1, max = 20) int chunk)
            throws Exception {
        InputStream raw = trickle("Subject: x\r\n\r\n.hidden\r\n..two\r\nend.\r\n.\r\nQUIT\r\n", chunk);

        String body = readAll(new DataStream(raw));

        assertThat(body).isEqualTo("Subject: x\r\n\r\nhidden\r\n.two\r\nend.\r\n");
        assertThat(readAll(raw)).isEqualTo("QUIT\r\n");
    }

    @Test
    void drain_skipsTheRest_andAnEmptyBodyIsEmpty() throws Exception {
        InputStream raw = trickle("a\r\nb\r\n.\r\n.\r\nNEXT", 3);
        DataStream data = new DataStream(raw);
        assertThat(data.read()).isEqualTo('a');
        data.drain();
        assertThat(readAll(new DataStream(raw))).isEmpty();
        assertThat(readAll(raw)).isEqualTo("NEXT");
    }

    @Test
    void aConnectionClosedBeforeTheTerminator_isAnError() {
        assertThatThrownBy(() -> readAll(new DataStream(trickle("no end\r\n", 4))))
                .isInstanceOf(SmtpInputException.class).hasCauseInstanceOf(EOFException.class)
                .hasMessageStartingWith("421 4.4.2");
    }

    /**
     * Regression (issue 13, SMTP smuggling): a bare LF took the place of CRLF around the dot, so a
     * second message hidden after {@code <LF>.<LF>} was read as commands. Every variant of the
     * published research is refused before anything after it is read as a command.
     */
    @Property(tries = 60)
    void smugglingTerminators_areRefused_neverAnEnd(@ForAll("smuggling") String terminator,
            @ForAll @IntRange(min = 1, max = 16) int chunk) throws Exception {
        String hidden = "MAIL FROM:<security@bank.example>\r\nRCPT TO:<x@y>\r\nDATA\r\nFrom: bank\r\n\r\nhi\r\n";
        InputStream raw = trickle("Subject: x\r\n\r\nbody" + terminator + hidden + ".\r\nQUIT\r\n", chunk);

        assertThatThrownBy(() -> readAll(new DataStream(raw))).isInstanceOf(SmtpInputException.class)
                .hasMessageStartingWith("554 5.6.11");
    }

    @Provide
    Arbitrary<String> smuggling() {
        return Arbitraries.of("\n.\n", "\n.\r\n", "\r\n.\n", "\r.\r", "\r\n.\r", "\r.\r\n", "\r\n.\r\r\n",
                "\n.\r\r\n");
    }

    /**
     * Whatever bytes arrive, the stream either ends exactly at the first {@code CRLF.CRLF} (with the
     * dots unstuffed and the rest left for the next command) or refuses a bare line ending that comes
     * before it; it never ends anywhere else.
     */
    @Property(tries = 400)
    void anyBytes_endOnlyAtTheFirstCrlfDotCrlf(@ForAll("wire") byte[] data, @ForAll @IntRange(min = 1, max = 9) int chunk)
            throws Exception {
        String wire = new String(data, StandardCharsets.ISO_8859_1) + "\r\n.\r\nNEXT";
        int end = ("\r\n" + wire).indexOf("\r\n.\r\n");
        String consumed = wire.substring(0, end);
        InputStream raw = trickle(wire, chunk);
        boolean bare = consumed.replace("\r\n", "").contains("\r") || consumed.replace("\r\n", "").contains("\n")
                || consumed.endsWith("\r");
        if (bare) {
            assertThatThrownBy(() -> readAll(new DataStream(raw))).isInstanceOf(SmtpInputException.class)
                    .hasMessageStartingWith("554 5.6.11");
            return;
        }
        DataStream stream = new DataStream(raw);
        assertThat(readAll(stream)).isEqualTo(unstuffed(consumed));
        assertThat(readAll(raw)).isEqualTo(wire.substring(end + 3));
        assertThat(stream.received()).isEqualTo(end + 3);
    }

    @Provide
    Arbitrary<byte[]> wire() {
        Arbitrary<String> piece = Arbitraries.of("\r", "\n", "\r\n", ".", "..", "\r\n.", "a", "MAIL FROM:<a@b>", " ", "\0");
        return piece.list().ofMaxSize(30).map(l -> String.join("", l).getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String unstuffed(String consumed) {
        StringBuilder out = new StringBuilder();
        for (String line : consumed.split("\r\n", -1)) {
            out.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        String s = out.toString();
        return consumed.isEmpty() ? "" : s.substring(0, s.length() - 2);
    }
}
