package dev.mailwright.inbound.internal.reply;

/**
 * Marks what closes a stretch of new text: signatures after "-- " (and, with care, "--"),
 * mobile and webmail signatures on the last lines, legal disclaimers, and the lines of our own
 * notification's footer. A stretch ends at the next line that is neither new text nor blank.
 */
final class TrailerScanner {
    private static final int SHORT_SIGNATURE_LINES = 6;
    private static final int SIGNATURE_LINE_CHARS = 72;
    private static final int LONG_SIGNATURE_LINES = 15;
    /** A disclaimer closes the text: at most this many paragraphs from its start to the stretch end. */
    private static final int DISCLAIMER_PARAGRAPHS = 3;

    private final LanguageData data;
    private final boolean footerFromNotification;

    TrailerScanner(LanguageData data, boolean footerFromNotification) {
        this.data = data;
        this.footerFromNotification = footerFromNotification;
    }

    void scan(ReplyLines lines, int limit, Signals signals) {
        markFooters(lines, limit, signals);
        int[] stretchEnds = stretchEnds(lines, limit);
        int[] paragraphsLeft = paragraphsLeft(lines, limit);
        for (int i = 0; i < limit; i++) {
            if (!lines.candidate(i)) {
                continue;
            }
            String raw = lines.line(i);
            int end = stretchEnds[i];
            if (raw.startsWith("-- ") && raw.substring(3).isBlank()) {
                signals.signature(true);
                if (countNonBlank(lines, i + 1, end) > LONG_SIGNATURE_LINES) {
                    signals.longSignature();
                }
                lines.mark(i, end, LineKind.SIGNATURE);
                i = end - 1;
            } else if (raw.strip().equals("--") && looksLikeSignature(lines, i + 1, end)) {
                signals.signature(false);
                lines.mark(i, end, LineKind.SIGNATURE);
                i = end - 1;
            } else if (startsParagraph(lines, i) && paragraphsLeft[i] <= DISCLAIMER_PARAGRAPHS
                    && data.isDisclaimerStart(lines.norm(i))) {
                signals.disclaimer();
                lines.mark(i, end, LineKind.DISCLAIMER);
                i = end - 1;
            }
        }
        markMobileSignatures(lines, limit, signals);
    }

    private void markFooters(ReplyLines lines, int limit, Signals signals) {
        for (int i = 0; i < limit; i++) {
            if (lines.candidate(i) && data.mayStartFooter(lines.firstVisible(i)) && data.isFooter(lines.norm(i))) {
                lines.mark(i, i + 1, LineKind.FOOTER);
                int before = lines.previousNonBlank(i - 1);
                if (before >= 0 && lines.candidate(before) && HistoryScanner.isRule(lines.line(before).strip())) {
                    lines.mark(before, before + 1, LineKind.FOOTER);
                }
                if (!footerFromNotification) {
                    signals.footerWithoutNotification();
                }
            }
        }
    }

    /** The last line of each stretch of new text, if it is a signature like "Sent from my iPhone". */
    private void markMobileSignatures(ReplyLines lines, int limit, Signals signals) {
        for (int i = 0; i < limit; i++) {
            if (lines.kind(i) != LineKind.TEXT) {
                continue;
            }
            int next = lines.nextNonBlank(i + 1, limit);
            if (next >= 0 && (lines.kind(next) == LineKind.TEXT || lines.kind(next) == LineKind.CODE)) {
                continue;
            }
            for (int j = i, k = 0; k < 2 && j >= 0 && lines.candidate(j) && data.isSignature(lines.norm(j)); k++) {
                lines.mark(j, j + 1, LineKind.SIGNATURE);
                signals.signature(true);
                j = lines.previousNonBlank(j - 1);
            }
        }
    }

    /** @return for each line, the first line at or after it that is neither new text, code nor blank */
    private static int[] stretchEnds(ReplyLines lines, int limit) {
        int[] ends = new int[limit + 1];
        ends[limit] = limit;
        for (int j = limit - 1; j >= 0; j--) {
            LineKind k = lines.kind(j);
            boolean open = k == LineKind.TEXT || k == LineKind.CODE || k == LineKind.BLANK;
            ends[j] = open ? ends[j + 1] : j;
        }
        return ends;
    }

    /** @return for each line, how many paragraphs open at or after it before its stretch ends */
    private static int[] paragraphsLeft(ReplyLines lines, int limit) {
        int[] left = new int[limit + 1];
        for (int j = limit - 1; j >= 0; j--) {
            LineKind k = lines.kind(j);
            boolean text = k == LineKind.TEXT || k == LineKind.CODE;
            if (!text && k != LineKind.BLANK) {
                left[j] = 0;
            } else {
                left[j] = left[j + 1] + (text && startsParagraph(lines, j) ? 1 : 0);
            }
        }
        return left;
    }

    private static boolean startsParagraph(ReplyLines lines, int i) {
        return i == 0 || lines.kind(i - 1) != LineKind.TEXT && lines.kind(i - 1) != LineKind.CODE;
    }

    private static int countNonBlank(ReplyLines lines, int from, int to) {
        int count = 0;
        for (int j = from; j < to; j++) {
            if (lines.kind(j) != LineKind.BLANK) {
                count++;
            }
        }
        return count;
    }

    /**
     * A bare "--" is a signature delimiter only when a few short lines follow that read like a
     * name, a title, a company: no list item, no code, no option, at most one sentence.
     */
    private static boolean looksLikeSignature(ReplyLines lines, int from, int to) {
        int first = lines.nextNonBlank(from, to);
        if (first < 0 || !looksLikeName(lines.line(first).strip())) {
            return false;
        }
        int count = 0;
        int sentences = 0;
        for (int j = from; j < to; j++) {
            if (lines.kind(j) == LineKind.BLANK) {
                continue;
            }
            String s = lines.line(j).strip();
            if (lines.kind(j) != LineKind.TEXT || s.length() > SIGNATURE_LINE_CHARS || isListOrOption(s)
                    || s.endsWith(":")) {
                return false;
            }
            if (s.split(" ").length >= 4 && ".?!".indexOf(s.charAt(s.length() - 1)) >= 0) {
                sentences++;
            }
            count++;
            if (count > SHORT_SIGNATURE_LINES) {
                return false;
            }
        }
        return count >= 1 && count <= SHORT_SIGNATURE_LINES && sentences <= 1;
    }

    /** A name line: short, a few words, opening with a capital (or a letter of a script without case). */
    private static boolean looksLikeName(String s) {
        int first = s.codePointAt(0);
        boolean capital = Character.isUpperCase(first) || Character.isLetter(first) && !Character.isLowerCase(first);
        return capital && s.length() <= 40 && s.split(" ").length <= 5 && !s.endsWith(":");
    }

    private static boolean isListOrOption(String s) {
        char c = s.charAt(0);
        if (c == '-' || c == '*' || c == '+' || c == '`' || c == '$' || c == '#') {
            return true;
        }
        int d = 0;
        while (d < s.length() && Character.isDigit(s.charAt(d))) {
            d++;
        }
        return d > 0 && d < s.length() && (s.charAt(d) == '.' || s.charAt(d) == ')');
    }
}
