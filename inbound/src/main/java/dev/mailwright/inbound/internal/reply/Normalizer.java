package dev.mailwright.inbound.internal.reply;

/**
 * The comparable form of a line or pattern: lower case, runs of white space as one space, no
 * invisible format characters (direction marks, zero-width spaces), a full-width colon as ':',
 * no space before ':', curly apostrophes as '\'', no surrounding space. One pass, linear.
 */
final class Normalizer {
    private Normalizer() {
    }

    static String normalize(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c < 128) {
                i++;
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 11) {
                    pendingSpace = out.length() > 0;
                    continue;
                }
                if (pendingSpace && c != ':') {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                continue;
            }
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.FORMAT) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            cp = map(cp);
            if (pendingSpace && cp != ':') {
                out.append(' ');
            }
            pendingSpace = false;
            out.appendCodePoint(Character.toLowerCase(cp));
        }
        return out.toString();
    }

    private static int map(int cp) {
        switch (cp) {
            case '\uFF1A':
                return ':';
            case '\u2019':
            case '\u2018':
                return '\'';
            default:
                return cp;
        }
    }

    /** @return true when the line is empty or white space only */
    static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)
                    && Character.getType(c) != Character.FORMAT) {
                return false;
            }
        }
        return true;
    }

    /** @return the number of leading spaces, a tab counting as four */
    static int indent(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                n++;
            } else if (c == '\t') {
                n += 4;
            } else {
                break;
            }
        }
        return n;
    }

    /** @return true when the text holds a digit (of any script) or an '@' */
    static boolean hasDigitOrAt(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '@' || Character.isDigit(c)) {
                return true;
            }
        }
        return false;
    }

    /** @return true when the text holds a digit (of any script) */
    static boolean hasDigit(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
