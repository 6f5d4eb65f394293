package dev.mailwright.inbound.reply;

import dev.mailwright.core.BuilderState;
import dev.mailwright.inbound.internal.reply.ExtractorSettings;
import dev.mailwright.inbound.internal.reply.StandardReplyTextExtractor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Separates the new text of a reply from quoted history, reply headers and signatures.
 * Implementations are thread-safe.
 *
 * <pre>{@code
 * ExtractedReply reply = ReplyTextExtractor.standard()
 *         .extract(new ReplyInput(textPart, htmlPart, sentNotificationText));
 * if (!reply.isEmpty()) host.comment(reply.text());
 * }</pre>
 */
public interface ReplyTextExtractor {

    /** Default {@link Builder#maxInputChars(int)}: 8 Mi characters. */
    int DEFAULT_MAX_INPUT_CHARS = 8 * 1024 * 1024;

    /** Default {@link Builder#maxLineChars(int)}: 1,000 characters. */
    int DEFAULT_MAX_LINE_CHARS = 1_000;

    /**
     * @param input the parsed reply
     * @return the new text, what was removed, and a confidence
     */
    ExtractedReply extract(ReplyInput input);

    /** @return Mailwright's extractor with the built-in language data and default caps */
    static ReplyTextExtractor standard() {
        return StandardReplyTextExtractor.defaults();
    }

    /** @return a builder for an extractor with other caps or more language data */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link ReplyTextExtractor}. Not thread-safe; the extractor it builds is.
     */
    final class Builder {
        private final BuilderState state = new BuilderState("ReplyTextExtractor.Builder");
        private int maxInputChars = DEFAULT_MAX_INPUT_CHARS;
        private int maxLineChars = DEFAULT_MAX_LINE_CHARS;
        private boolean inlineContext = true;
        private final Map<ReplyPatternKind, List<String>> extra = new EnumMap<>(ReplyPatternKind.class);

        Builder() {
        }

        /**
         * @param chars the largest body analysed (text or HTML, in chars); text past it is not
         *     analysed: it is returned in {@link ExtractedReply#removed()} and the confidence is 0
         * @return this builder
         */
        public Builder maxInputChars(int chars) {
            if (chars < 1) {
                throw new IllegalArgumentException("maxInputChars must be at least 1, was " + chars);
            }
            this.maxInputChars = state.set("maxInputChars", chars);
            return this;
        }

        /**
         * @param chars lines longer than this are kept as text without being matched against any
         *     pattern (a header, a signature): they cannot be one
         * @return this builder
         */
        public Builder maxLineChars(int chars) {
            if (chars < 80) {
                throw new IllegalArgumentException("maxLineChars must be at least 80, was " + chars);
            }
            this.maxLineChars = state.set("maxLineChars", chars);
            return this;
        }

        /**
         * @param keep true (the default) to keep, in an interleaved reply (two or more quoted
         *     passages each answered), the quoted passages that are answered, as Markdown quotes
         *     giving the answers their context; false to keep the answers only
         * @return this builder
         */
        public Builder inlineContext(boolean keep) {
            this.inlineContext = state.set("inlineContext", keep);
            return this;
        }

        /**
         * @param kind the kind of pattern
         * @param patterns more patterns, in the syntax of the built-in data files
         * @return this builder
         */
        public Builder patterns(ReplyPatternKind kind, Collection<String> patterns) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(patterns, "patterns");
            extra.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(List.copyOf(patterns));
            return this;
        }

        /**
         * @param kind the kind of pattern
         * @param file a UTF-8 file in the syntax of the built-in data files
         * @return this builder
         * @throws ReplyDataException when the file cannot be read
         */
        public Builder patternFile(ReplyPatternKind kind, Path file) {
            Objects.requireNonNull(file, "file");
            try {
                return patterns(kind, Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ReplyDataException("cannot read reply patterns file " + file
                        + " (" + e.getMessage() + "): check that it exists and is UTF-8", e);
            }
        }

        /**
         * @return the extractor
         * @throws ReplyDataException when an added pattern is malformed
         */
        public ReplyTextExtractor build() {
            return new StandardReplyTextExtractor(
                    new ExtractorSettings(maxInputChars, maxLineChars, inlineContext, extra));
        }
    }
}
