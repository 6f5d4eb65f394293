package dev.mailwright.inbound.internal.reply;

import java.util.HashSet;
import java.util.Set;

/**
 * Finds where the history starts: reply headers ("On … wrote:", also wrapped over two or three
 * lines), separators ("-----Original Message-----", forwarded-message lines), Outlook's header
 * block and the text of the notification being answered. Each line is looked at a bounded number
 * of times, so the scan is linear.
 */
final class HistoryScanner {
    /** A header window is at most this many lines (a client wrapped it). */
    private static final int MAX_HEADER_LINES = 3;
    /** An Outlook block's other fields must come within this many lines of "From:". */
    private static final int BLOCK_LINES = 6;
    private static final int SHORT_HEADER = 80;
    /** The shortest rule of underscores above a header block of unknown labels. */
    private static final int MIN_RULE = 20;

    private final LanguageData data;
    private final Set<String> notificationLines;
    private int[][] notificationSuffix;

    HistoryScanner(LanguageData data, Iterable<String> sentNotificationLines) {
        this.data = data;
        Set<String> set = new HashSet<>();
        for (String line : sentNotificationLines) {
            String norm = Normalizer.normalize(line);
            if (norm.length() >= 8) {
                set.add(norm);
            }
        }
        this.notificationLines = set;
    }

    /**
     * Marks reply headers followed by quotes as {@link LineKind#HEADER} and everything from the
     * start of unmarked history on as {@link LineKind#HISTORY}.
     *
     * @return the index where the unmarked history starts, or the number of lines
     */
    int scan(ReplyLines lines, Signals signals) {
        int n = lines.size();
        for (int i = 0; i < n; i++) {
            if (!lines.headerCandidate(i)) {
                continue;
            }
            boolean indented = lines.kind(i) == LineKind.CODE;
            int window = headerWindow(lines, i);
            if (window > 0) {
                int end = i + window;
                i = startAbove(lines, i, end);
                int next = lines.nextNonBlank(end, n);
                String joined = headerText(lines, i, end);
                boolean strong = Normalizer.hasDigitOrAt(joined);
                if (!indented && next >= 0 && lines.kind(next) == LineKind.QUOTE) {
                    if (strong || joined.length() <= SHORT_HEADER) {
                        lines.mark(i, end, strong ? LineKind.HEADER : LineKind.WEAK_HEADER);
                        signals.header(strong);
                        i = end - 1;
                        continue;
                    }
                } else if (isAttribution(joined)) {
                    // unquoted (or indented) history under a header: only when it names a sender and a date
                    return cut(lines, i, signals);
                }
            }
            if (isSeparator(lines, i) || !indented && (isOutlookBlock(lines, i) || isHeaderBlockAfterRule(lines, i)
                    || isNotificationRun(lines, i))) {
                return cut(lines, i, signals);
            }
        }
        return n;
    }

    /**
     * A client that wrapped a header may have left a blank line in it ("On Thu, 31 Mar 2016 at
     * 11:16 Ann", a blank line, "&lt;ann@example.com&gt; wrote:"): the line above the blank belongs
     * to the header when it holds a year and a time and the two together match an anchored pattern.
     *
     * @return the first line of the header
     */
    private int startAbove(ReplyLines lines, int i, int end) {
        int above = i - 2;
        if (above < 0 || lines.kind(i - 1) != LineKind.BLANK || !lines.candidate(above)
                || !Normalizer.hasYearAndTime(lines.norm(above))) {
            return i;
        }
        return data.isHeader(headerText(lines, above, end), true) ? above : i;
    }

    /**
     * A header followed by no quote is taken as the start of history only when it is clearly one:
     * an address in angle brackets with the verb after it, an address and a digit, or a year and
     * a time.
     */
    static boolean isAttribution(String joined) {
        return Normalizer.hasAngleAddressThenWords(joined) || Normalizer.hasAt(joined) && Normalizer.hasDigit(joined)
                || Normalizer.hasYearAndTime(joined);
    }

    private int cut(ReplyLines lines, int at, Signals signals) {
        int start = at;
        int before = lines.previousNonBlank(at - 1);
        if (before >= 0 && lines.candidate(before) && isRule(lines.line(before).strip())) {
            start = before;
        }
        lines.mark(start, lines.size(), LineKind.HISTORY);
        signals.unmarkedHistory();
        return start;
    }

    /**
     * @return true for a line of only dashes, underscores or em dashes (a rule before history);
     *     white space and invisible marks (a right-to-left mark) around them do not count
     */
    static boolean isRule(String s) {
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' || c == '_' || c == '\u2014' || c == '\u2013' || c == '=') {
                any = true;
            } else if (!Character.isWhitespace(c) && Character.getType(c) != Character.FORMAT) {
                return false;
            }
        }
        return any;
    }

    /** @return the number of lines (1 to 3) of a reply header starting at i, or 0 */
    int headerWindow(ReplyLines lines, int i) {
        char first = lines.firstWord(i);
        for (int w = 1; w <= MAX_HEADER_LINES; w++) {
            int last = i + w - 1;
            if (!lines.headerCandidate(last)) {
                return 0;
            }
            if (!data.mayBeHeader(first, lines.lastWord(last))) {
                continue;
            }
            String joined = headerText(lines, i, i + w);
            if (w == 1) {
                if (data.isHeader(joined, false)) {
                    return 1;
                }
            } else if (data.isHeader(joined, true)) {
                return startsLater(lines, i, w, true) ? 0 : w;
            } else if (data.isHeader(joined, false)) {
                return startsLater(lines, i, w, false) ? 0 : w;
            }
        }
        return 0;
    }

    /**
     * A header wrapped over lines i to i+w-1 may really start on a later line: "On it." above
     * "On Tue, … wrote:" is the person's text. An anchored match ("On * wrote:") yields only to a
     * later anchored one; a match of a pattern opening with '*' yields to any later match, unless
     * the lines before it are plainly the header's start (see {@link #headerGoesOnAbove}).
     */
    private boolean startsLater(ReplyLines lines, int i, int w, boolean anchored) {
        for (int start = i + 1; start < i + w; start++) {
            String later = headerText(lines, start, i + w);
            if (data.isHeader(later, anchored)) {
                return !headerGoesOnAbove(lines, i, start, later);
            }
        }
        return false;
    }

    /**
     * The lines from i to start belong to the header that a later line matched on its own when
     * they leave an address open ("Ann &lt;", then "ann@example.com&gt; wrote:"), or when they hold
     * the sender and date that the later part lacks and end no sentence (Gmail in Turkish wraps
     * "Ann &lt;ann@example.com&gt;, 12 Mar 2024 Sal, 10:15" above "tarihinde şunu yazdı:").
     */
    private static boolean headerGoesOnAbove(ReplyLines lines, int i, int start, String later) {
        String above = join(lines, i, start);
        if (above.isEmpty() || Normalizer.endsInsideAngle(above)) {
            return !above.isEmpty();
        }
        char end = above.charAt(above.length() - 1);
        boolean sentenceEnds = ".!?\u3002\uFF01\uFF1F".indexOf(end) >= 0;
        return !sentenceEnds && !Normalizer.hasDigitOrAt(later)
                && (Normalizer.hasAt(above) || Normalizer.hasYearAndTime(above));
    }

    private static String join(ReplyLines lines, int from, int to) {
        if (to - from == 1) {
            return lines.norm(from);
        }
        StringBuilder sb = new StringBuilder();
        for (int j = from; j < to; j++) {
            String part = lines.norm(j);
            if (sb.length() > 0 && !part.isEmpty() && sb.charAt(sb.length() - 1) != '<'
                    && part.charAt(0) != '>' && part.charAt(0) != ':') {
                sb.append(' ');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /** @return the normalized text of lines from..to-1, joined, without decoration at the ends */
    private static String headerText(ReplyLines lines, int from, int to) {
        return Normalizer.undecorate(join(lines, from, to));
    }

    /** "-----Original Message-----", "Begin forwarded message:" and their translations. */
    boolean isSeparator(ReplyLines lines, int i) {
        char first = lines.firstVisible(i);
        char last = lines.lastVisible(i);
        if ("-_=*>".indexOf(first) < 0 && last != ':' && last != '\uFF1A' && "-_=*".indexOf(last) < 0) {
            return false;
        }
        String norm = lines.norm(i);
        int start = 0;
        int end = norm.length();
        while (start < end && "-_=* >".indexOf(norm.charAt(start)) >= 0) {
            start++;
        }
        boolean colon = end > start && norm.charAt(end - 1) == ':';
        if (colon) {
            end--;
        }
        while (end > start && "-_=* ".indexOf(norm.charAt(end - 1)) >= 0) {
            end--;
        }
        boolean dashes = start >= 2 || norm.length() - end >= 2;
        if (!dashes && !colon || end <= start) {
            return false;
        }
        return data.isSeparatorPhrase(norm.substring(start, end));
    }

    /**
     * Outlook's "From: / Sent: / To: / Subject:" block, in any language of the data: a "From:"
     * line that opens a paragraph (after a blank line, a rule or nothing), followed within six
     * lines by a "Sent:" (or "Date:") line and one more field. Header lines someone pasted into
     * their text, without a date or right under a sentence, are not one.
     */
    boolean isOutlookBlock(ReplyLines lines, int i) {
        if (!"from".equals(fieldOf(lines, i))) {
            return false;
        }
        if (i > 0 && lines.kind(i - 1) != LineKind.BLANK && !isRule(lines.line(i - 1).strip())) {
            return false;
        }
        Set<String> others = new HashSet<>();
        int limit = Math.min(lines.size(), i + 1 + BLOCK_LINES);
        for (int j = i + 1; j < limit; j++) {
            String field = lines.candidate(j) ? fieldOf(lines, j) : null;
            if (field != null && !"from".equals(field)) {
                others.add(field);
            }
        }
        return others.size() >= 2 && others.contains("sent");
    }

    /**
     * Outlook's block in a language whose labels the data does not know: a rule of at least
     * {@value #MIN_RULE} underscores (Outlook writes 32), then, at once, three or more
     * "Label: value" lines with short labels, one value carrying a year and a time.
     */
    boolean isHeaderBlockAfterRule(ReplyLines lines, int i) {
        String rule = lines.line(i).strip();
        if (rule.length() < MIN_RULE || rule.charAt(0) != '_' || !isRule(rule)) {
            return false;
        }
        int fields = 0;
        boolean dated = false;
        for (int j = i + 1; j < lines.size() && j <= i + BLOCK_LINES + 1 && lines.candidate(j); j++) {
            String norm = lines.norm(j);
            int colon = lines.hasColonWithin(j, 48) ? norm.indexOf(':') : -1;
            if (colon <= 0 || !isLabel(norm.substring(0, colon).replace("*", "").strip())) {
                break;
            }
            fields++;
            dated |= Normalizer.hasYearAndTime(norm.substring(colon + 1));
        }
        return fields >= 3 && dated;
    }

    /** A label of a header field: one to three words, no digit. */
    private static boolean isLabel(String label) {
        if (label.isEmpty() || label.length() > 30 || Normalizer.hasDigit(label)) {
            return false;
        }
        int spaces = 0;
        for (int k = 0; k < label.length(); k++) {
            spaces += label.charAt(k) == ' ' ? 1 : 0;
        }
        return spaces <= 2;
    }

    private String fieldOf(ReplyLines lines, int i) {
        if (!lines.candidate(i) || !lines.hasColonWithin(i, 48)) {
            return null;
        }
        String norm = lines.norm(i);
        int colon = norm.indexOf(':');
        if (colon <= 0 || colon > 40) {
            return null;
        }
        String label = norm.substring(0, colon).replace("*", "").strip();
        return data.field(label);
    }

    /** Two lines in a row (blank lines aside) that are lines of the notification answered. */
    private boolean isNotificationRun(ReplyLines lines, int i) {
        if (notificationLines.isEmpty() || !notificationLines.contains(lines.norm(i))) {
            return false;
        }
        int next = lines.nextNonBlank(i + 1, lines.size());
        if (next < 0 || !lines.candidate(next) || !notificationLines.contains(lines.norm(next))) {
            return false;
        }
        if (notificationSuffix == null) {
            notificationSuffix = notificationSuffix(lines);
        }
        int[] inSet = notificationSuffix[0];
        int[] nonBlank = notificationSuffix[1];
        return 4 * inSet[i] >= 3 * nonBlank[i];
    }

    /**
     * For each line, how many of the lines from it to the end are lines of the notification, and
     * how many are not blank: pasted notification lines with the person's text after them are no
     * history, so three quarters of what follows must be notification (its lines, its footer, a
     * rule).
     */
    private int[][] notificationSuffix(ReplyLines lines) {
        int n = lines.size();
        int[] inSet = new int[n + 1];
        int[] nonBlank = new int[n + 1];
        for (int j = n - 1; j >= 0; j--) {
            boolean blank = lines.kind(j) == LineKind.BLANK;
            boolean member = lines.candidate(j) && (notificationLines.contains(lines.norm(j))
                    || isRule(lines.line(j).strip()) || data.isFooter(lines.norm(j)));
            inSet[j] = inSet[j + 1] + (member ? 1 : 0);
            nonBlank[j] = nonBlank[j + 1] + (blank ? 0 : 1);
        }
        return new int[][] {inSet, nonBlank};
    }
}
