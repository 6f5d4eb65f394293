package dev.mailwright.inbound.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What SubEthaSMTP's command reader reads (in clear or after STARTTLS). Outside DATA, each read
 * hands out at most one line, so the reader's buffer never holds text beyond the command, and
 * each 0xFF byte (never valid in UTF-8) becomes 0xFE: SubEthaSMTP 7.2.0's UTF-8 reader takes a
 * 0xFF continuation byte for the end of the stream and logs the resulting exception with its stack
 * trace, where 0xFE is refused as invalid UTF-8 ({@code 501}) like any other bad byte. Inside DATA
 * ({@link SessionGuard#inData()}) the bytes pass untouched.
 */
final class CommandLineInput extends FilterInputStream {
    private final SessionGuard guard;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;

    /**
     * @param in the connection's plain-text input
     * @param guard the connection's guard, which knows whether DATA is being read
     */
    CommandLineInput(InputStream in, SessionGuard guard) {
        super(in);
        this.guard = guard;
    }

    @Override
    public int read() throws IOException {
        return Streams.readOne(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        boolean data = guard.inData();
        if (pos == limit) {
            if (data) {
                return in.read(b, off, len);
            }
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                return -1;
            }
            pos = 0;
            limit = n;
        }
        int n = Math.min(len, limit - pos);
        if (data) {
            System.arraycopy(buffer, pos, b, off, n);
        } else {
            int i = 0;
            while (i < n) {
                byte c = buffer[pos + i];
                b[off + i++] = c == (byte) 0xff ? (byte) 0xfe : c;
                if (c == '\n') {
                    break;
                }
            }
            n = i;
        }
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return Streams.skipByReading(this, n);
    }

    @Override
    public int available() throws IOException {
        return guard.inData() ? limit - pos + in.available() : 0;
    }
}
