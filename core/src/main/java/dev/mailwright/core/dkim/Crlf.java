package dev.mailwright.core.dkim;

import java.io.ByteArrayOutputStream;

/**
 * Line ends as SMTP carries them: every bare CR or LF made CRLF. Mailwright's transports send a
 * message whose line ends are all CRLF byte for byte (dot-stuffing aside, which the receiver
 * undoes), so a message signed in this form is verified over exactly the bytes that were signed.
 */
final class Crlf {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private Crlf() {
    }

    /** @return the same array when every line end already is CRLF, otherwise a normalized copy */
    static byte[] normalize(byte[] b) {
        return isCrlf(b) ? b : convert(b);
    }

    private static boolean isCrlf(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == CR) {
                if (i + 1 >= b.length || b[i + 1] != LF) {
                    return false;
                }
                i++;
            } else if (b[i] == LF) {
                return false;
            }
        }
        return true;
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
