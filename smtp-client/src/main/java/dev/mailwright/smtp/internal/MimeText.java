package dev.mailwright.smtp.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The MIME encodings the composer needs, written without the Jakarta Mail stream providers (which
 * are looked up on the class path for every part): RFC 2047 encoded words, quoted strings,
 * quoted-printable bodies, header folding. Every method appends to a {@link StringBuilder}.
 */
final class MimeText {
    static final String CRLF = "\r\n";
    private static final int MAX_LINE = 76;
    private static final int FOLD_AT = 78;
    private static final String HEX = "0123456789ABCDEF";
    private static final String SPECIALS = "()<>[]:;@\\,.\"";

    private MimeText() {
    }

    /** @return true when every char is printable US-ASCII (or tab) */
    static boolean isPrintableAscii(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends a header, folded before 78 characters at spaces where possible.
     *
     * @param out where to append
     * @param name the header name
     * @param value the value, already encoded (ASCII)
     */
    static void header(StringBuilder out, String name, String value) {
        out.append(name).append(": ");
        int lineLength = name.length() + 2;
        int wordStart = 0;
        boolean first = true;
        while (wordStart <= value.length()) {
            int space = value.indexOf(' ', wordStart);
            int wordEnd = space < 0 ? value.length() : space;
            int wordLength = wordEnd - wordStart;
            if (!first) {
                if (lineLength + 1 + wordLength > FOLD_AT) {
                    out.append(CRLF);
                    lineLength = 0;
                }
                out.append(' ');
                lineLength++;
            }
            out.append(value, wordStart, wordEnd);
            lineLength += wordLength;
            first = false;
            wordStart = wordEnd + 1;
        }
        out.append(CRLF);
    }

    /** @return the phrase as is, quoted, or as RFC 2047 encoded words, for a display name */
    static String phrase(String text) {
        if (!isPrintableAscii(text)) {
            return encodedWords(text);
        }
        for (int i = 0; i < text.length(); i++) {
            if (SPECIALS.indexOf(text.charAt(i)) >= 0) {
                return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            }
        }
        return text;
    }

    /**
     * @return unstructured text (a subject): as is when it is ASCII and every word can be folded
     *     onto a line of its own, otherwise encoded words (at most 75 characters each, RFC 2047),
     *     so that no header line exceeds 998 characters (RFC 5322 section 2.1.1) whatever the text
     */
    static String unstructured(String text) {
        return isPrintableAscii(text) && !text.contains("=?") && longestWord(text) <= MAX_WORD ? text : encodedWords(text);
    }

    /** The longest word a header line may carry and still be folded before 78 characters. */
    private static final int MAX_WORD = FOLD_AT - 2;

    private static int longestWord(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = c == ' ' || c == '\t' ? 0 : run + 1;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** @return {@code =?UTF-8?B?...?=} words of at most 75 characters, separated by spaces, never splitting a character */
    static String encodedWords(String text) {
        StringBuilder out = new StringBuilder();
        int maxBytes = 45; // 60 base64 chars + 12 for =?UTF-8?B??= = 72 <= 75
        int i = 0;
        while (i < text.length()) {
            int start = i;
            int bytes = 0;
            while (i < text.length()) {
                int cp = text.codePointAt(i);
                int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (bytes + len > maxBytes) {
                    break;
                }
                bytes += len;
                i += Character.charCount(cp);
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            byte[] chunk = text.substring(start, i).getBytes(StandardCharsets.UTF_8);
            out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(chunk)).append("?=");
        }
        return out.toString();
    }

    /** @return the text with every line end made CRLF */
    static String crlf(String text) {
        if (text.indexOf('\r') < 0) {
            return text.indexOf('\n') < 0 ? text : text.replace("\n", CRLF);
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append(CRLF);
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                out.append(CRLF);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** @return true when the CRLF text can go as 7bit: ASCII, lines of at most 998 octets */
    static boolean is7bit(String crlfText) {
        int lineLength = 0;
        for (int i = 0; i < crlfText.length(); i++) {
            char c = crlfText.charAt(i);
            if (c == '\r') {
                lineLength = 0;
                i++;
                continue;
            }
            if (c > 0x7e || (c < 0x20 && c != '\t') || ++lineLength > 998) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the CRLF text as quoted-printable (RFC 2045), lines of at most 76 characters.
     *
     * @param out where to append
     * @param crlfText the text with CRLF line ends
     */
    static void quotedPrintable(StringBuilder out, String crlfText) {
        byte[] bytes = crlfText.getBytes(StandardCharsets.UTF_8);
        int col = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                out.append(CRLF);
                col = 0;
                i++;
                continue;
            }
            boolean lineEnd = i + 1 >= bytes.length || bytes[i + 1] == '\r';
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEnd);
            int width = literal ? 1 : 3;
            if (col + width > MAX_LINE - 1) {
                out.append('=').append(CRLF);
                col = 0;
            }
            if (literal) {
                out.append((char) b);
            } else {
                out.append('=').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
            }
            col += width;
        }
    }
}
