package dev.mailwright.smtp;

import java.util.Objects;

/**
 * The conversation a notification belongs to.
 *
 * @param owner the repository owner ({@code octo})
 * @param repository the repository name ({@code hello-world})
 * @param kind issue, pull request, commit comment or host-defined
 * @param key the issue or pull request number, or the commit id
 * @param id the host application's numeric id of the thread, signed into the reply address; positive
 */
public record ThreadRef(String owner, String repository, ThreadKind kind, String key, long id) {
    /** Validates the fields: names and key are letters, digits, {@code -}, {@code _} and {@code .}. */
    public ThreadRef {
        Texts.token(owner, "repository owner", "-_.");
        Texts.token(repository, "repository name", "-_.");
        Objects.requireNonNull(kind, "kind");
        Texts.token(key, "thread key", "-_.");
        if (id <= 0) {
            throw new IllegalArgumentException("thread id must be positive, was " + id);
        }
    }

    /** @return an issue thread, its number used as key */
    public static ThreadRef issue(String owner, String repository, long number, long id) {
        return new ThreadRef(owner, repository, ThreadKind.ISSUE, Long.toString(number), id);
    }

    /** @return a pull request thread, its number used as key */
    public static ThreadRef pullRequest(String owner, String repository, long number, long id) {
        return new ThreadRef(owner, repository, ThreadKind.PULL_REQUEST, Long.toString(number), id);
    }

    /** @return a commit comment thread; the commit id is 7 to 64 hex digits */
    public static ThreadRef commit(String owner, String repository, String commitId, long id) {
        Objects.requireNonNull(commitId, "commitId");
        if (!commitId.matches("[0-9a-f]{7,64}")) {
            throw new IllegalArgumentException("commit id '" + commitId + "' is not 7 to 64 lower-case hex digits");
        }
        return new ThreadRef(owner, repository, ThreadKind.COMMIT_COMMENT, commitId, id);
    }

    /** @return {@code owner/repository} */
    public String repositoryPath() {
        return owner + "/" + repository;
    }

    /** @return {@code owner/repository/<kind path>/<key>}, the left part of the thread's Message-ID */
    public String path() {
        return repositoryPath() + "/" + kind.path() + "/" + key;
    }

    /** @return the key as shown in subjects: {@code #42}, or the first 7 digits of a commit id */
    public String displayKey() {
        return kind.keyPrefix() + (kind.equals(ThreadKind.COMMIT_COMMENT) ? key.substring(0, 7) : key);
    }
}
