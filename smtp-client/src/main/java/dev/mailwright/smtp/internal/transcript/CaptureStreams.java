package dev.mailwright.smtp.internal.transcript;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/** Stream wrappers that copy what passes through a socket into a {@link CapturedConnection}. */
final class CaptureStreams {
    private CaptureStreams() {
    }

    /** What the server sent. */
    static final class In extends FilterInputStream {
        private final CapturedConnection conn;
        private final BooleanSupplier active;
        private final Runnable beforeIo;

        In(InputStream in, CapturedConnection conn, BooleanSupplier active, Runnable beforeIo) {
            super(in);
            this.conn = conn;
            this.active = active;
            this.beforeIo = beforeIo;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!active.getAsBoolean()) {
                return super.read(b, off, len);
            }
            beforeIo.run();
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                conn.error("read", e);
                throw e;
            }
            if (n > 0) {
                conn.serverBytes(b, off, n);
            } else if (n < 0) {
                conn.closed(true);
            }
            return n;
        }
    }

    /** What the client sent. */
    static final class Out extends FilterOutputStream {
        private final CapturedConnection conn;
        private final BooleanSupplier active;
        private final Runnable beforeIo;

        Out(OutputStream out, CapturedConnection conn, BooleanSupplier active, Runnable beforeIo) {
            super(out);
            this.conn = conn;
            this.active = active;
            this.beforeIo = beforeIo;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!active.getAsBoolean()) {
                out.write(b, off, len);
                return;
            }
            beforeIo.run();
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                conn.error("write", e);
                throw e;
            }
            conn.clientBytes(b, off, len);
        }
    }
}
