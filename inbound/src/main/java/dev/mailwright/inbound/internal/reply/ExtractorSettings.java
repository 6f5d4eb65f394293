package dev.mailwright.inbound.internal.reply;

import dev.mailwright.inbound.reply.ReplyPatternKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The options of an extractor, as set on {@code ReplyTextExtractor.Builder}.
 *
 * @param maxInputChars the largest body analysed
 * @param maxLineChars the longest line matched against patterns
 * @param inlineContext whether answered quotes of an interleaved reply are kept
 * @param extraPatterns patterns added to the built-in language data
 */
public record ExtractorSettings(int maxInputChars, int maxLineChars, boolean inlineContext,
        Map<ReplyPatternKind, List<String>> extraPatterns) {

    /** Validates and copies. */
    public ExtractorSettings {
        if (maxInputChars < 1 || maxLineChars < 1) {
            throw new IllegalArgumentException("caps must be positive, were maxInputChars="
                    + maxInputChars + ", maxLineChars=" + maxLineChars);
        }
        Objects.requireNonNull(extraPatterns, "extraPatterns");
        Map<ReplyPatternKind, List<String>> copy = new EnumMap<>(ReplyPatternKind.class);
        extraPatterns.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
        extraPatterns = Map.copyOf(copy);
    }
}
