package dev.mailwright.inbound.internal.reply;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text body into new text and removed text: finds the history, the trailers, decides
 * whether the reply is interleaved, then writes both parts out in the original order.
 */
final class TextReplyParser {
    private final LanguageData data;
    private final int maxLineChars;
    private final boolean inlineContext;

    TextReplyParser(LanguageData data, int maxLineChars, boolean inlineContext) {
        this.data = data;
        this.maxLineChars = maxLineChars;
        this.inlineContext = inlineContext;
    }

    /** The outcome of parsing one body. */
    record Parsed(String text, String removed, Signals signals, int keptLines) {
    }

    Parsed parse(String body, List<String> sentNotificationLines, Signals signals) {
        ReplyLines lines = new ReplyLines(body, maxLineChars);
        int cut = new HistoryScanner(data, sentNotificationLines).scan(lines, signals);
        new TrailerScanner(data, !sentNotificationLines.isEmpty()).scan(lines, cut, signals);
        markQuotes(lines, cut, signals);
        return write(lines, signals);
    }

    /**
     * Decides, for each quoted passage answered by new text, whether it stays as the answer's
     * context: always in an interleaved reply (two or more passages answered); for one answered
     * passage, when nothing marks it as the message answered (no reply header above it, none of our
     * footer in it: the person quoted it, or trimmed the quote to what they answer), or when the
     * person's text comes before it too. Otherwise it is a bottom-posted reply and the quote goes.
     */
    private void markQuotes(ReplyLines lines, int cut, Signals signals) {
        List<int[]> answeredBlocks = new ArrayList<>();
        int firstText = cut;
        for (int i = 0; i < cut; i++) {
            LineKind k = lines.kind(i);
            if (k == LineKind.TEXT || k == LineKind.CODE) {
                firstText = Math.min(firstText, i);
            } else if (k == LineKind.QUOTE) {
                signals.quote();
                int end = quoteBlockEnd(lines, i, cut);
                if (answeredAfter(lines, end, cut)) {
                    answeredBlocks.add(new int[] {i, end, firstText});
                }
                i = end - 1;
            }
        }
        if (answeredBlocks.size() >= 2) {
            signals.interleaved();
            if (inlineContext) {
                answeredBlocks.forEach(b -> keepAsContext(lines, b[0], b[1]));
            }
        } else if (answeredBlocks.size() == 1) {
            markOneAnswered(lines, answeredBlocks.get(0), signals);
        }
    }

    private void markOneAnswered(ReplyLines lines, int[] block, Signals signals) {
        int start = block[0];
        int end = block[1];
        int top = start;
        int above = lines.previousNonBlank(start - 1);
        while (above >= 0 && (lines.kind(above) == LineKind.HEADER || lines.kind(above) == LineKind.WEAK_HEADER)) {
            top = above;
            above = lines.previousNonBlank(above - 1);
        }
        LineKind header = top < start ? lines.kind(top) : null;
        if (header == LineKind.WEAK_HEADER) {
            // "Here is what Bob wrote:" with no date or address: the person may have typed it all
            lines.mark(top, start, LineKind.TEXT);
            keepAsContext(lines, start, end);
            signals.ownQuote();
        } else if (header == null && !holdsFooter(lines, start, end)) {
            keepAsContext(lines, start, end);
            signals.ownQuote();
        } else if (block[2] < top && inlineContext) {
            keepAsContext(lines, start, end);
            signals.interleaved();
        } else {
            signals.bottomPosted();
        }
    }

    /** @return true when a line of the quoted passage is a line of our notification's footer */
    private boolean holdsFooter(ReplyLines lines, int start, int end) {
        for (int j = start; j < end; j++) {
            if (lines.kind(j) == LineKind.QUOTE && isQuotedFooter(lines, j)) {
                return true;
            }
        }
        return false;
    }

    private boolean isQuotedFooter(ReplyLines lines, int j) {
        String inner = dequote(lines.line(j));
        return !inner.isEmpty() && inner.length() <= maxLineChars
                && data.mayBeFooter(firstVisible(inner), lines.lastVisible(j))
                && data.isFooter(Normalizer.normalize(inner));
    }

    private static char firstVisible(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!ReplyLines.invisible(s.charAt(i))) {
                return s.charAt(i);
            }
        }
        return 0;
    }

    /**
     * Keeps a quoted passage as context, without what was quoted along with it but is no
     * question: a quoted reply header (Apple Mail puts "On … wrote:" inside the quote), our
     * quoted footer with the rule above it and everything after it in the passage, and the empty
     * quoted lines left at either end.
     */
    private void keepAsContext(ReplyLines lines, int start, int end) {
        int stop = end;
        for (int j = start; j < end; j++) {
            if (lines.kind(j) == LineKind.QUOTE && isQuotedFooter(lines, j)) {
                stop = j;
                int rule = previousQuotedContent(lines, j - 1, start);
                if (rule >= 0 && HistoryScanner.isRule(dequote(lines.line(rule)).strip())) {
                    stop = rule;
                }
                break;
            }
        }
        boolean[] header = new boolean[stop - start];
        for (int j = start; j < stop; j++) {
            int w = quotedHeaderLines(lines, j, stop);
            for (int k = 0; k < w; k++) {
                header[j - start + k] = true;
            }
            j += Math.max(w, 1) - 1;
        }
        int from = start;
        while (from < stop && (header[from - start] || emptyQuote(lines, from))) {
            from++;
        }
        int to = stop;
        while (to > from && (header[to - 1 - start] || emptyQuote(lines, to - 1))) {
            to--;
        }
        for (int j = from; j < to; j++) {
            if (lines.kind(j) == LineKind.QUOTE && !header[j - start]) {
                lines.mark(j, j + 1, LineKind.CONTEXT);
            }
        }
    }

    /** @return 1 or 2 when a quoted reply header (with a digit or an address) starts at line j, else 0 */
    private int quotedHeaderLines(ReplyLines lines, int j, int stop) {
        if (lines.kind(j) != LineKind.QUOTE || !Normalizer.hasDigitOrAt(lines.line(j))
                && (j + 1 >= stop || !Normalizer.hasDigitOrAt(lines.line(j + 1)))) {
            return 0;
        }
        String one = quotedNorm(lines, j);
        if (one.isEmpty()) {
            return 0;
        }
        if (Normalizer.hasDigitOrAt(one) && data.isHeader(one, false)) {
            return 1;
        }
        if (j + 1 < stop && lines.kind(j + 1) == LineKind.QUOTE) {
            String two = one + (one.endsWith("<") ? "" : " ") + quotedNorm(lines, j + 1);
            if (Normalizer.hasDigitOrAt(two) && data.isHeader(Normalizer.undecorate(two), true)) {
                return 2;
            }
        }
        return 0;
    }

    private String quotedNorm(ReplyLines lines, int j) {
        String inner = dequote(lines.line(j));
        return inner.length() > maxLineChars ? "" : Normalizer.undecorate(Normalizer.normalize(inner));
    }

    private static boolean emptyQuote(ReplyLines lines, int j) {
        return lines.kind(j) == LineKind.BLANK || lines.kind(j) == LineKind.QUOTE && dequote(lines.line(j)).isBlank();
    }

    private static int previousQuotedContent(ReplyLines lines, int j, int start) {
        for (int k = j; k >= start; k--) {
            if (!emptyQuote(lines, k)) {
                return k;
            }
        }
        return -1;
    }

    /** @return the line without its quote markers ("&gt; &gt; text" gives "text") */
    static String dequote(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == '>' || line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.substring(i);
    }

    /** @return the end of the run of quoted lines (blank lines between them included) from i */
    private static int quoteBlockEnd(ReplyLines lines, int i, int cut) {
        int end = i;
        int j = i;
        while (j < cut && (lines.kind(j) == LineKind.QUOTE || lines.kind(j) == LineKind.BLANK)) {
            if (lines.kind(j) == LineKind.QUOTE) {
                end = j + 1;
            }
            j++;
        }
        return end;
    }

    /** @return true when new text follows before the next quote, header or the history */
    private static boolean answeredAfter(ReplyLines lines, int from, int cut) {
        for (int j = from; j < cut; j++) {
            LineKind k = lines.kind(j);
            if (k == LineKind.TEXT || k == LineKind.CODE) {
                return true;
            }
            if (k == LineKind.QUOTE || k == LineKind.HEADER || k == LineKind.WEAK_HEADER) {
                return false;
            }
        }
        return false;
    }

    private static Parsed write(ReplyLines lines, Signals signals) {
        StringBuilder kept = new StringBuilder();
        StringBuilder removed = new StringBuilder();
        boolean removedSinceText = false;
        boolean lastKeptBlank = true;
        int keptLines = 0;
        for (int i = 0; i < lines.size(); i++) {
            LineKind kind = lines.kind(i);
            String line = lines.line(i);
            if (kind == LineKind.BLANK) {
                if (!(lastKeptBlank && removedSinceText)) {
                    kept.append(line).append('\n');
                }
                if (removed.length() > 0 && !endsWithBlankLine(removed)) {
                    removed.append('\n');
                }
                lastKeptBlank = true;
            } else if (kind.kept()) {
                kept.append(line).append('\n');
                keptLines++;
                removedSinceText = false;
                lastKeptBlank = false;
            } else {
                removed.append(line).append('\n');
                removedSinceText = true;
            }
        }
        return new Parsed(trimBlankLines(kept), trimBlankLines(removed), signals, keptLines);
    }

    private static boolean endsWithBlankLine(StringBuilder sb) {
        int n = sb.length();
        return n >= 2 && sb.charAt(n - 1) == '\n' && sb.charAt(n - 2) == '\n';
    }

    /** Removes blank lines at both ends and trailing white space; keeps the first line's indent. */
    static String trimBlankLines(CharSequence s) {
        int start = 0;
        int lineStart = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                lineStart = i + 1;
            } else if (!Character.isWhitespace(c)) {
                start = lineStart;
                break;
            }
            if (i == s.length() - 1) {
                return "";
            }
        }
        if (s.length() == 0) {
            return "";
        }
        return s.subSequence(start, s.length()).toString().stripTrailing();
    }
}
