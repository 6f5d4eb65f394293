package dev.mailwright.inbound.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message on its way from the SMTP client into the store, changed in its header section only,
 * field by field (a field longer than {@link #MAX_FIELD} is judged by its beginning):
 * <ul>
 *   <li>an {@code Authentication-Results} field whose authserv-id is one of the instance's own is
 *       renamed {@code X-Original-Authentication-Results}: only the instance may write results
 *       under its own name, and a sender who wrote one is forging them (RFC 8601 section 5);</li>
 *   <li>a message without a {@code Message-ID} gets one at the end of its header section, as MTAs
 *       add it, so that every reply has one.</li>
 * </ul>
 * The body passes through in blocks, untouched.
 */
final class IncomingHeaders extends InputStream {
    /** The longest field buffered whole. */
    static final int MAX_FIELD = 64 * 1024;
    private static final byte[] RENAMED = "X-Original-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_ID = "message-id:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUTHENTICATION_RESULTS = "authentication-results:".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern AUTHSERV_ID = Pattern.compile("^[ \\t\\r\\n]*(?:\\([^()]*\\)[ \\t\\r\\n]*)*([^ \\t\\r\\n;()]+)");

    private final InputStream in;
    private final Set<String> ownIds;
    private final Supplier<String> newMessageId;
    private final byte[] input = new byte[8192];
    private int inPos;
    private int inLen;
    private boolean inputEnded;
    private final Buffer field = new Buffer();
    private final Buffer out = new Buffer();
    private byte[] line = new byte[256];
    private boolean lastLineUnterminated;
    private byte[] pending = new byte[0];
    private int pendingLen;
    private int pendingPos;
    private boolean inHeader = true;
    private String messageId;
    private boolean messageIdAdded;
    private int renamed;
    private long size;

    /**
     * @param in the message as the client sent it (dot-stuffing removed)
     * @param ownIds the instance's own authserv-ids, lower case
     * @param newMessageId makes a Message-ID (with angle brackets) for a message that has none
     */
    IncomingHeaders(InputStream in, Set<String> ownIds, Supplier<String> newMessageId) {
        this.in = in;
        this.ownIds = ownIds;
        this.newMessageId = newMessageId;
    }

    /** @return the message's Message-ID (the one added when it had none), or empty before the header was read */
    String messageId() {
        return messageId == null ? "" : messageId;
    }

    /** @return true when the Message-ID was added here */
    boolean messageIdAdded() {
        return messageIdAdded;
    }

    /** @return how many Authentication-Results fields were renamed */
    int renamed() {
        return renamed;
    }

    /** @return the bytes handed out so far */
    long size() {
        return size;
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
        while (pendingPos == pendingLen && inHeader) {
            readHeader();
        }
        int n;
        if (pendingPos < pendingLen) {
            n = Math.min(len, pendingLen - pendingPos);
            System.arraycopy(pending, pendingPos, b, off, n);
            pendingPos += n;
        } else if (inPos < inLen) {
            n = Math.min(len, inLen - inPos);
            System.arraycopy(input, inPos, b, off, n);
            inPos += n;
        } else {
            n = in.read(b, off, len);
            if (n < 0) {
                return -1;
            }
        }
        size += n;
        return n;
    }

    /** Reads header lines until a whole field (or the end of the header section) is ready in {@link #pending}. */
    private void readHeader() throws IOException {
        out.reset();
        while (out.size() == 0 && inHeader) {
            int n = nextLine();
            if (n > 0 && (line[0] == ' ' || line[0] == '\t')) {
                if (field.size() > 0 && field.size() + n <= MAX_FIELD) {
                    field.write(line, 0, n);
                } else {
                    finishField();
                    out.write(line, 0, n);
                }
                continue;
            }
            finishField();
            if (n < 0 || isBlank(line, n)) {
                inHeader = false;
                if (messageId == null) {
                    addMessageId(n < 0 && lastLineUnterminated);
                }
                if (n > 0) {
                    out.write(line, 0, n);
                }
            } else {
                field.write(line, 0, n);
            }
        }
        pending = out.array();
        pendingLen = out.size();
        pendingPos = 0;
    }

    /** Judges the buffered field, writes it (renamed or not) to {@link #out} and empties the buffer. */
    private void finishField() {
        if (field.size() == 0) {
            return;
        }
        byte[] f = field.array();
        int len = field.size();
        if (startsWithIgnoreCase(f, len, MESSAGE_ID) && messageId == null) {
            String text = new String(f, 0, len, StandardCharsets.ISO_8859_1);
            messageId = text.substring(text.indexOf(':') + 1).strip();
        } else if (startsWithIgnoreCase(f, len, AUTHENTICATION_RESULTS)
                && ownIds.contains(authServId(new String(f, 0, len, StandardCharsets.ISO_8859_1)))) {
            out.write(RENAMED, 0, RENAMED.length);
            renamed++;
        }
        out.write(f, 0, len);
        field.reset();
    }

    private void addMessageId(boolean newlineFirst) {
        messageId = newMessageId.get();
        messageIdAdded = true;
        byte[] id = ((newlineFirst ? "\r\n" : "") + "Message-ID: " + messageId + "\r\n").getBytes(StandardCharsets.US_ASCII);
        out.write(id, 0, id.length);
    }

    /**
     * Reads the next line with its line ending into {@link #line} (at most {@link #MAX_FIELD} bytes;
     * longer lines come in parts).
     *
     * @return its length, or -1 at the end of the message
     */
    private int nextLine() throws IOException {
        int len = 0;
        while (true) {
            if (inPos == inLen) {
                if (inputEnded) {
                    break;
                }
                int n = in.read(input, 0, input.length);
                if (n < 0) {
                    inputEnded = true;
                    break;
                }
                inPos = 0;
                inLen = n;
            }
            int start = inPos;
            int stop = Math.min(inLen, inPos + (MAX_FIELD - len));
            while (inPos < stop && input[inPos] != '\n') {
                inPos++;
            }
            boolean found = inPos < stop;
            if (found) {
                inPos++;
            }
            int n = inPos - start;
            if (len + n > line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(MAX_FIELD, Math.max(line.length * 2, len + n)));
            }
            System.arraycopy(input, start, line, len, n);
            len += n;
            if (found || len >= MAX_FIELD) {
                return len;
            }
        }
        if (len == 0) {
            return -1;
        }
        lastLineUnterminated = true;
        return len;
    }

    private static boolean startsWithIgnoreCase(byte[] b, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (Character.toLowerCase((char) (b[i] & 0xff)) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte[] line, int n) {
        return (n == 1 && line[0] == '\n') || (n == 2 && line[0] == '\r' && line[1] == '\n');
    }

    /** A {@link ByteArrayOutputStream} whose array is read in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        byte[] array() {
            return buf;
        }
    }

    /** @return the authserv-id of an Authentication-Results field, lower case, or empty */
    static String authServId(String field) {
        Matcher m = AUTHSERV_ID.matcher(field.substring(field.indexOf(':') + 1));
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }
}
