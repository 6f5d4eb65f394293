package dev.mailwright.core.dkim;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Line ends as SMTP carries them: every bare CR or LF made CRLF. Mailwright's transports send a
 * message whose line ends are all CRLF byte for byte (dot-stuffing aside, which the receiver
 * undoes), so a message signed in this form is verified over exactly the bytes that were signed.
 */
final class Crlf {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Crlf() {
    }

    /** @return the same array when every line end already is CRLF, otherwise a normalized copy */
    static byte[] normalize(byte[] b) {
        return isCrlf(b) ? b : convert(b);
    }

    private static boolean isCrlf(byte[] b) {
        int n = b.length;
        int i = 0;
        while (i < n) {
            if (i + 8 <= n && !hasControl((long) LONGS.get(b, i))) {
                i += 8; // eight bytes at once: none is CR, LF or another byte below 0x0E
                continue;
            }
            byte c = b[i];
            if (c == LF ? i == 0 || b[i - 1] != CR : c == CR && (i + 1 == n || b[i + 1] != LF)) {
                return false;
            }
            i++;
        }
        return true;
    }

    /** @return true when one of the eight bytes may be below 0x0E (exact for "none": no false negative) */
    private static boolean hasControl(long x) {
        return ((x - 0x0E0E0E0E0E0E0E0EL) & ~x & 0x8080808080808080L) != 0;
    }

    private static byte[] convert(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + b.length / 32 + 16);
        for (int i = 0; i < b.length; i++) {
            byte c = b[i];
            if (c == CR || c == LF) {
                out.write(CR);
                out.write(LF);
                if (c == CR && i + 1 < b.length && b[i + 1] == LF) {
                    i++;
                }
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
