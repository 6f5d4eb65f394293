package dev.mailwright.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kind of conversation a reply address points at, written as one letter in the address
 * ({@code reply+i-1-<token>-5@reply.<hostname>} is an issue).
 */
public enum ThreadType {
    /** An issue ({@code i}). */
    ISSUE('i'),
    /** A pull request ({@code p}). */
    PULL_REQUEST('p'),
    /** A commit comment ({@code c}). */
    COMMIT_COMMENT('c'),
    /** A discussion ({@code d}). */
    DISCUSSION('d');

    private final char code;

    ThreadType(char code) {
        this.code = code;
    }

    /** @return the lower-case letter used in reply addresses */
    public char code() {
        return code;
    }

    /**
     * @param code a letter, in any case
     * @return the type for that letter, or empty when no type uses it
     */
    public static Optional<ThreadType> fromCode(char code) {
        char lower = Character.toLowerCase(code);
        return Arrays.stream(values()).filter(t -> t.code == lower).findFirst();
    }
}
