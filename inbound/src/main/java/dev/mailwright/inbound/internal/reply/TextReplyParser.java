package dev.mailwright.inbound.internal.reply;

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
     * Quotes answered by new text are kept as context when two or more are (an interleaved
     * reply); one answered quote is a bottom-posted reply, and its quote goes.
     */
    private void markQuotes(ReplyLines lines, int cut, Signals signals) {
        int answered = 0;
        int i = 0;
        while (i < cut) {
            if (lines.kind(i) != LineKind.QUOTE) {
                i++;
                continue;
            }
            signals.quote();
            int end = quoteBlockEnd(lines, i, cut);
            if (answeredAfter(lines, end, cut)) {
                answered++;
            }
            i = end;
        }
        if (answered == 1) {
            signals.bottomPosted();
            keepQuoteUnderWeakHeader(lines, cut);
        } else if (answered >= 2) {
            signals.interleaved();
            if (inlineContext) {
                keepAnsweredQuotes(lines, cut);
            }
        }
    }

    /**
     * "Here is what Bob wrote:", a quote, an answer: with no date or address in the line above
     * the one answered quote, the person may have typed it all; keep the line and the quote.
     */
    private static void keepQuoteUnderWeakHeader(ReplyLines lines, int cut) {
        for (int i = 0; i < cut; i++) {
            if (lines.kind(i) != LineKind.QUOTE) {
                continue;
            }
            int end = quoteBlockEnd(lines, i, cut);
            int before = lines.previousNonBlank(i - 1);
            if (answeredAfter(lines, end, cut) && before >= 0 && lines.kind(before) == LineKind.WEAK_HEADER) {
                for (int j = before; j >= 0 && lines.kind(j) == LineKind.WEAK_HEADER; j--) {
                    lines.mark(j, j + 1, LineKind.TEXT);
                }
                for (int j = i; j < end; j++) {
                    if (lines.kind(j) == LineKind.QUOTE) {
                        lines.mark(j, j + 1, LineKind.CONTEXT);
                    }
                }
            }
            i = end - 1;
        }
    }

    private static void keepAnsweredQuotes(ReplyLines lines, int cut) {
        int i = 0;
        while (i < cut) {
            if (lines.kind(i) != LineKind.QUOTE) {
                i++;
                continue;
            }
            int end = quoteBlockEnd(lines, i, cut);
            if (answeredAfter(lines, end, cut)) {
                for (int j = i; j < end; j++) {
                    if (lines.kind(j) == LineKind.QUOTE) {
                        lines.mark(j, j + 1, LineKind.CONTEXT);
                    }
                }
            }
            i = end;
        }
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
