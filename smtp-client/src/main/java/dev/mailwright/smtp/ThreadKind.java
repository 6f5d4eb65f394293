package dev.mailwright.smtp;

import dev.mailwright.core.ThreadType;
import java.util.Objects;

/**
 * The kind of conversation a notification belongs to: an issue, a pull request, a commit comment,
 * or a kind the host application defines with {@link #custom(String, ThreadType, String)}.
 *
 * @param path the path segment in Message-IDs and web links ({@code issues}, {@code pull},
 *     {@code commit}); letters, digits, {@code -} and {@code _}
 * @param replyType the letter used in reply addresses for this kind
 * @param keyPrefix what precedes the thread key in subjects ({@code #} for numbers, empty for commit ids)
 */
public record ThreadKind(String path, ThreadType replyType, String keyPrefix) {
    /** An issue: {@code owner/repo/issues/N}, subject suffix {@code (#N)}. */
    public static final ThreadKind ISSUE = new ThreadKind("issues", ThreadType.ISSUE, "#");
    /** A pull request: {@code owner/repo/pull/N}, subject suffix {@code (#N)}. */
    public static final ThreadKind PULL_REQUEST = new ThreadKind("pull", ThreadType.PULL_REQUEST, "#");
    /** A commit comment: {@code owner/repo/commit/SHA}, subject suffix the short commit id. */
    public static final ThreadKind COMMIT_COMMENT = new ThreadKind("commit", ThreadType.COMMIT_COMMENT, "");

    /** Validates the fields. */
    public ThreadKind {
        Texts.token(path, "thread kind path", "-_");
        Objects.requireNonNull(replyType, "replyType");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (!keyPrefix.isEmpty()) {
            Texts.headerSafe(keyPrefix, "thread kind key prefix");
        }
    }

    /**
     * @param path the path segment, such as {@code discussions}
     * @param replyType the reply-address letter, such as {@link ThreadType#DISCUSSION}
     * @param keyPrefix what precedes the key in subjects, such as {@code #}
     * @return a host-defined kind
     */
    public static ThreadKind custom(String path, ThreadType replyType, String keyPrefix) {
        return new ThreadKind(path, replyType, keyPrefix);
    }
}
