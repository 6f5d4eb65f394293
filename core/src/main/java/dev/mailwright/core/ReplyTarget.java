package dev.mailwright.core;

import java.util.Objects;

/**
 * What a reply address designates: a thread of the host application and the user the address was
 * issued to.
 *
 * @param type the kind of thread
 * @param id the host application's id of the thread (issue, pull request, commit comment,
 *     discussion); positive
 * @param userId the host application's id of the recipient; positive
 */
public record ReplyTarget(ThreadType type, long id, long userId) {

    /** Validates the fields. */
    public ReplyTarget {
        Objects.requireNonNull(type, "type");
        if (id <= 0) {
            throw new IllegalArgumentException("ReplyTarget id must be positive, was " + id);
        }
        if (userId <= 0) {
            throw new IllegalArgumentException("ReplyTarget userId must be positive, was " + userId);
        }
    }
}
