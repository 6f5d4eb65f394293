package dev.mailwright.inbound.internal.reply;

/**
 * The comparable form of a line or pattern: lower case, runs of white space as one space, no
 * invisible format characters (direction marks, zero-width spaces) nor combining marks (Arabic
 * vowel signs, Hebrew points, Thai tone marks: written or not, the word is the same), a full-width
 * colon as ':', no space before ':', curly apostrophes as '\'', no surrounding space. One pass,
 * linear.
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
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.NON_SPACING_MARK) {
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

    /** @return one character as {@link #normalize} writes it (lower case, a full-width colon as ':') */
    static char fold(char c) {
        return c == '\uFF1A' ? ':' : Character.toLowerCase(c);
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

    /** @return true when the text holds an '@' */
    static boolean hasAt(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '@') {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true when the text holds an address in angle brackets, "&lt;name@host&gt;", with
     *     words after it ("&lt;ann@example.com&gt; wrote:"; "write to &lt;help@example.com&gt;:" has none)
     */
    static boolean hasAngleAddressThenWords(CharSequence s) {
        boolean open = false;
        boolean at = false;
        int closed = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                open = true;
                at = false;
            } else if (c == '@' && open) {
                at = true;
            } else if (c == '>' && open) {
                closed = at ? i : closed;
                open = false;
            } else if (closed >= 0 && Character.isLetter(c)) {
                return true;
            }
        }
        return false;
    }

    /** @return true when more '<' than '>' are open at the end of the text (a wrapped address) */
    static boolean endsInsideAngle(CharSequence s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>' && depth > 0) {
                depth--;
            }
        }
        return depth > 0;
    }

    /**
     * @return true when the text holds a date and a time as mail clients write them: a year (a
     *     run of four digits, of any script) and a time (digits, ':', two digits)
     */
    static boolean hasYearAndTime(CharSequence s) {
        boolean year = false;
        boolean time = false;
        int run = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ' ';
            if (Character.isDigit(c)) {
                run++;
                continue;
            }
            if (run == 4) {
                year = true;
            }
            if (run >= 1 && run <= 2 && c == ':' && i + 2 < s.length()
                    && Character.isDigit(s.charAt(i + 1)) && Character.isDigit(s.charAt(i + 2))) {
                time = true;
            }
            run = 0;
        }
        return year && time;
    }

    /** @return true for the characters mail clients put around a header line: - _ = * ~ and long dashes */
    static boolean isDecoration(char c) {
        return "-_=*~\u2014\u2013\u2015".indexOf(c) >= 0;
    }

    /** @return true for the characters a line of delimiters is made of (decoration, # + , rules, Gmail's ᐧ) */
    static boolean isDelimiter(char c) {
        return isDecoration(c) || "#+,\u1427\u2500\u2501\u2550".indexOf(c) >= 0;
    }

    /** @return the normalized text without decoration characters and spaces at either end */
    static String undecorate(String norm) {
        int start = 0;
        int end = norm.length();
        while (start < end && (isDecoration(norm.charAt(start)) || norm.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (isDecoration(norm.charAt(end - 1)) || norm.charAt(end - 1) == ' ')) {
            end--;
        }
        return start == 0 && end == norm.length() ? norm : norm.substring(start, end);
    }

    /** @return true when the line is made of decoration characters only (and white space), at least one */
    static boolean isDelimiterLine(String line) {
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (isDelimiter(c)) {
                any = true;
            } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                return false;
            }
        }
        return any;
    }
}
