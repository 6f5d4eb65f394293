package dev.mailwright.smtp.internal;

/**
 * The message text as it goes on the wire after {@code 354} (RFC 5321 section 4.5.2): every line
 * end made CRLF, a line that starts with {@code .} given a second one, and the terminating
 * {@code CRLF . CRLF}. The result is what Angus's {@code SMTPOutputStream} and {@code finishData()}
 * would write, built in one pass into one array so that it can go to the socket in one write.
 */
final class DataEncoding {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    private DataEncoding() {
    }

    /**
     * @param content the message (header and body), any line ends
     * @return the bytes to write after the server's {@code 354}, ending with {@code CRLF . CRLF}
     */
    static byte[] encode(byte[] content) {
        if (isWireReady(content)) {
            boolean endsWithLineEnd = content.length == 0 || (content.length >= 2 && content[content.length - 1] == LF);
            byte[] out = new byte[content.length + (endsWithLineEnd ? 3 : 5)];
            System.arraycopy(content, 0, out, 0, content.length);
            int at = content.length;
            if (!endsWithLineEnd) {
                out[at++] = CR;
                out[at++] = LF;
            }
            out[at++] = DOT;
            out[at++] = CR;
            out[at] = LF;
            return out;
        }
        return slowEncode(content);
    }

    /** @return true when every line end is CRLF and no line starts with a dot: the bytes go out as they are */
    private static boolean isWireReady(byte[] b) {
        if (b.length > 0 && b[0] == DOT) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            byte c = b[i];
            if (c == CR) {
                if (i + 1 >= b.length || b[i + 1] != LF) {
                    return false;
                }
                i++;
                if (i + 1 < b.length && b[i + 1] == DOT) {
                    return false;
                }
            } else if (c == LF) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slowEncode(byte[] b) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length + b.length / 16 + 8);
        boolean atLineStart = true;
        for (int i = 0; i < b.length; i++) {
            byte c = b[i];
            if (c == CR || c == LF) {
                out.write(CR);
                out.write(LF);
                if (c == CR && i + 1 < b.length && b[i + 1] == LF) {
                    i++;
                }
                atLineStart = true;
                continue;
            }
            if (atLineStart && c == DOT) {
                out.write(DOT);
            }
            out.write(c);
            atLineStart = false;
        }
        if (!atLineStart) {
            out.write(CR);
            out.write(LF);
        }
        out.write(DOT);
        out.write(CR);
        out.write(LF);
        return out.toByteArray();
    }
}
