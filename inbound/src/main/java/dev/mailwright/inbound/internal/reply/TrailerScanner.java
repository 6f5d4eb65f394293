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
        boolean[] disclaimers = disclaimerStarts(lines, limit);
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
            } else if (isBareDelimiter(raw.strip()) && looksLikeSignature(lines, i + 1, end)) {
                signals.signature(false);
                lines.mark(i, end, LineKind.SIGNATURE);
                i = end - 1;
            } else if (disclaimers[i]) {
                signals.disclaimer();
                lines.mark(i, end, LineKind.DISCLAIMER);
                i = end - 1;
            }
        }
        markTrailingLines(lines, limit, signals);
    }

    /** "--" without its space, or a rule of underscores: a signature delimiter only before a name block. */
    private static boolean isBareDelimiter(String s) {
        if (s.equals("--")) {
            return true;
        }
        if (s.length() < 3) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) != '_') {
                return false;
            }
        }
        return true;
    }

    /**
     * For each line, whether a disclaimer starts there: a paragraph that opens like one of the
     * data, followed in its stretch by more disclaimer paragraphs (a bilingual or multilingual
     * notice) and at most {@value #DISCLAIMER_PARAGRAPHS} - 1 others. One backward pass.
     */
    private boolean[] disclaimerStarts(ReplyLines lines, int limit) {
        boolean[] starts = new boolean[limit];
        int others = 0;
        for (int j = limit - 1; j >= 0; j--) {
            LineKind k = lines.kind(j);
            if (k != LineKind.TEXT && k != LineKind.CODE && k != LineKind.BLANK) {
                others = 0;
            } else if (k != LineKind.BLANK && startsParagraph(lines, j)) {
                // a list's footer opens with "--" on the line above its first words
                int first = Normalizer.isDelimiterLine(lines.line(j)) && j + 1 < limit ? j + 1 : j;
                if (lines.candidate(first) && data.isDisclaimerStart(lines.norm(first))) {
                    starts[j] = others < DISCLAIMER_PARAGRAPHS;
                } else {
                    others++;
                }
            }
        }
        return starts;
    }

    private void markFooters(ReplyLines lines, int limit, Signals signals) {
        for (int i = 0; i < limit; i++) {
            if (lines.candidate(i) && data.mayBeFooter(lines.firstVisible(i), lines.lastVisible(i))
                    && data.isFooter(lines.norm(i))) {
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

    /**
     * The last lines of each stretch of new text, as long as they are whole-line signatures ("Sent
     * from my iPhone", a block of several) or lines of delimiter characters only ("--", "***",
     * "____", Gmail's "ᐧ"): removed, walking back over what is removed already.
     */
    private void markTrailingLines(ReplyLines lines, int limit, Signals signals) {
        int walked = -1;
        for (int i = 0; i < limit; i++) {
            if (lines.kind(i) != LineKind.TEXT) {
                continue;
            }
            int next = lines.nextNonBlank(i + 1, limit);
            if (next >= 0 && (lines.kind(next) == LineKind.TEXT || lines.kind(next) == LineKind.CODE)) {
                continue;
            }
            int j = i;
            int from = walked;
            walked = i;
            // a walk stops where the one before it started: each line is walked over once
            while (j > from && (lines.kind(j) == LineKind.SIGNATURE || lines.kind(j) == LineKind.DISCLAIMER
                    || lines.kind(j) == LineKind.FOOTER || lines.candidate(j) && isTrailer(lines, j, signals))) {
                j = lines.previousNonBlank(j - 1);
            }
        }
    }

    private boolean isTrailer(ReplyLines lines, int j, Signals signals) {
        if (Normalizer.isDelimiterLine(lines.line(j))) {
            lines.mark(j, j + 1, LineKind.SIGNATURE);
            return true;
        }
        if (data.mayBeSignature(lines.firstVisible(j), lines.lastVisible(j)) && data.isSignature(lines.norm(j))) {
            lines.mark(j, j + 1, LineKind.SIGNATURE);
            signals.signature(true);
            return true;
        }
        return false;
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
     * A bare "--" (or a rule of underscores) is a signature delimiter only when a few short lines
     * follow that read like a name, a title, a company, contact details: no list item, no code, no
     * option, at most one sentence, and no line ending with ':' unless the block gives an address.
     */
    private static boolean looksLikeSignature(ReplyLines lines, int from, int to) {
        int first = lines.nextNonBlank(from, to);
        if (first < 0) {
            return false;
        }
        boolean contact = false;
        for (int j = first; j < to && j < first + 2 * SHORT_SIGNATURE_LINES; j++) {
            contact |= isContactLine(lines.line(j));
        }
        if (!contact && !looksLikeName(lines.line(first).strip())) {
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
                    || s.endsWith(":") && !contact) {
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
        return count >= 1 && sentences <= 1;
    }

    /** A line with an address or a web address: contact details. */
    private static boolean isContactLine(String line) {
        int at = line.indexOf('@');
        return at > 0 && at < line.length() - 1 && line.charAt(at + 1) != ' '
                || line.contains("http://") || line.contains("https://") || line.contains("www.");
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
