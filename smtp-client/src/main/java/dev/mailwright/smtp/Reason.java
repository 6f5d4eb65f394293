package dev.mailwright.smtp;

import java.util.Objects;

/**
 * Why the recipient gets a notification. The name becomes the reason address
 * {@code <name>@noreply.<hostname>} in Cc and the reason header; the sentence completes the
 * footer's "You are receiving this because ...".
 *
 * @param name lower-case letters, digits and {@code _}
 * @param sentence the end of the footer sentence, such as {@code you were assigned}
 */
public record Reason(String name, String sentence) {
    /** You were assigned. */
    public static final Reason ASSIGN = new Reason("assign", "you were assigned");
    /** You opened the thread. */
    public static final Reason AUTHOR = new Reason("author", "you authored the thread");
    /** You commented on the thread. */
    public static final Reason COMMENT = new Reason("comment", "you commented");
    /** You were mentioned. */
    public static final Reason MENTION = new Reason("mention", "you were mentioned");
    /** Your review was requested. */
    public static final Reason REVIEW_REQUESTED = new Reason("review_requested", "your review was requested");
    /** You changed the state of the thread. */
    public static final Reason STATE_CHANGE = new Reason("state_change", "you modified the open/close state");
    /** You watch the repository. */
    public static final Reason SUBSCRIBED = new Reason("subscribed", "you are subscribed to this thread");
    /** A team you belong to was mentioned. */
    public static final Reason TEAM_MENTION = new Reason("team_mention", "you are on a team that was mentioned");
    /** Your own activity. */
    public static final Reason YOUR_ACTIVITY = new Reason("your_activity", "of your own activity");
    /** You subscribed to the thread by hand. */
    public static final Reason MANUAL = new Reason("manual", "you subscribed to this thread");
    /** You pushed to the branch. */
    public static final Reason PUSH = new Reason("push", "you pushed to this branch");
    /** A CI run you triggered. */
    public static final Reason CI_ACTIVITY = new Reason("ci_activity", "of CI activity you triggered");
    /** A security alert on a repository you watch. */
    public static final Reason SECURITY_ALERT = new Reason("security_alert", "of a security alert on a repository you watch");

    private static final java.util.List<Reason> BUILT_IN = java.util.List.of(ASSIGN, AUTHOR, COMMENT, MENTION,
            REVIEW_REQUESTED, STATE_CHANGE, SUBSCRIBED, TEAM_MENTION, YOUR_ACTIVITY, MANUAL, PUSH, CI_ACTIVITY, SECURITY_ALERT);

    /** Validates the fields. */
    public Reason {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("reason '" + dev.mailwright.core.EmailAddresses.printable(name)
                    + "' must be 1 to 64 lower-case letters, digits or '_', such as review_requested");
        }
        Texts.headerSafe(sentence, "reason sentence");
    }

    /** @return a host-defined reason */
    public static Reason custom(String name, String sentence) {
        return new Reason(name, sentence);
    }

    /**
     * @param name a reason name such as {@code mention}
     * @return the built-in reason of that name
     * @throws IllegalArgumentException listing the built-in names when there is none
     */
    public static Reason named(String name) {
        for (Reason r : BUILT_IN) {
            if (r.name.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reason '" + dev.mailwright.core.EmailAddresses.printable(name)
                + "'; built-in reasons are " + BUILT_IN.stream().map(Reason::name).toList()
                + " (define others with Reason.custom)");
    }

    /** @return the display name of the reason address: {@code Review requested} */
    public String displayName() {
        String words = name.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
