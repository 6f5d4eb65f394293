package dev.mailwright.inbound.internal.reply;

import java.util.List;

/**
 * Finds fenced code blocks (``` or ~~~, Markdown style) in one pass. A fence that is never closed
 * is no fence, so an unclosed fence cannot swallow the quoted history below it.
 */
final class FenceFinder {
    private FenceFinder() {
    }

    static boolean[] codeLines(List<String> lines) {
        boolean[] code = new boolean[lines.size()];
        int open = -1;
        char openChar = 0;
        int openLength = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int indent = Normalizer.indent(line);
            if (indent > 3 || indent >= line.length()) {
                continue;
            }
            char c = line.charAt(indent);
            if (c != '`' && c != '~') {
                continue;
            }
            int run = runLength(line, indent, c);
            if (run < 3) {
                continue;
            }
            if (open < 0) {
                open = i;
                openChar = c;
                openLength = run;
            } else if (c == openChar && run >= openLength && line.substring(indent + run).isBlank()) {
                for (int j = open; j <= i; j++) {
                    code[j] = true;
                }
                open = -1;
            }
        }
        return code;
    }

    private static int runLength(String line, int from, char c) {
        int i = from;
        while (i < line.length() && line.charAt(i) == c) {
            i++;
        }
        return i - from;
    }
}
