package dev.mailwright.benchmarks.reply;

/**
 * The cost floor: what Mailwright's placeholder extractor did before issue 6, one pass that keeps
 * the lines before the first {@code >}, "-- " or "On … wrote:" line. Wrong on most real replies
 * (it loses interleaved answers and knows one language), so only a yardstick for speed.
 */
final class NaiveCut {
    private NaiveCut() {
    }

    static String cut(String body) {
        StringBuilder kept = new StringBuilder();
        for (String line : body.lines().toList()) {
            if (line.startsWith(">") || line.equals("-- ")
                    || line.startsWith("On ") && line.strip().endsWith("wrote:")) {
                break;
            }
            kept.append(line).append('\n');
        }
        return kept.toString().strip();
    }
}
