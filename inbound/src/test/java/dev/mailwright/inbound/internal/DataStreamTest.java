package dev.mailwright.inbound.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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
        assertThatThrownBy(() -> readAll(new DataStream(trickle("no end\r\n", 4)))).isInstanceOf(EOFException.class);
    }
}
