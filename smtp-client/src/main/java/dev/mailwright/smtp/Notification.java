package dev.mailwright.smtp;

import dev.mailwright.core.BuilderState;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One notification for one recipient, as the host application hands it over.
 *
 * @param thread the conversation
 * @param eventId the id of this event or comment within the thread ({@code c123}); null for the
 *     first message of the thread, whose Message-ID is the thread's own
 * @param reason why the recipient gets it
 * @param actor who caused it
 * @param recipient who gets it
 * @param title the thread's title; the subject is {@code [owner/repo] Title (#N)}
 * @param textBody the plain-text body (without footer)
 * @param htmlBody the HTML body (without footer), or null for a text-only message
 * @param threadUrl the web link of the thread (http or https)
 * @param unsubscribeUrl the https one-click unsubscribe link (RFC 8058), or null
 */
public record Notification(ThreadRef thread, String eventId, Reason reason, Actor actor, Recipient recipient,
        String title, String textBody, String htmlBody, URI threadUrl, URI unsubscribeUrl) {

    /** Validates every field; CR, LF and NUL are refused in anything that reaches a header. */
    public Notification {
        Objects.requireNonNull(thread, "thread");
        if (eventId != null) {
            Texts.token(eventId, "event id", "-_.");
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(recipient, "recipient");
        Texts.headerSafe(title, "title");
        Texts.body(textBody, "text body");
        if (htmlBody != null) {
            Texts.body(htmlBody, "HTML body");
        }
        checkUrl(threadUrl, "thread URL", false);
        if (unsubscribeUrl != null) {
            checkUrl(unsubscribeUrl, "unsubscribe URL", true);
        }
    }

    private static void checkUrl(URI url, String what, boolean httpsOnly) {
        Objects.requireNonNull(url, what);
        Texts.headerSafe(url.toString(), what);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean ok = httpsOnly ? scheme.equals("https") : scheme.equals("https") || scheme.equals("http");
        if (!ok || url.getHost() == null) {
            throw new IllegalArgumentException(what + " '" + url + "' must be an absolute " + (httpsOnly ? "https" : "http(s)")
                    + " URL with a host, such as https://ghe.example.com/octo/hello/issues/1");
        }
    }

    /** @return true when this is the first message of the thread (no event id) */
    public boolean isThreadStart() {
        return eventId == null;
    }

    /** @return the HTML body, when there is one */
    public Optional<String> html() {
        return Optional.ofNullable(htmlBody);
    }

    /** @return a builder; setters are named after the fields */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this notification's values, each of which may be changed once */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.thread = thread;
        b.eventId = eventId;
        b.reason = reason;
        b.actor = actor;
        b.recipient = recipient;
        b.title = title;
        b.textBody = textBody;
        b.htmlBody = htmlBody;
        b.threadUrl = threadUrl;
        b.unsubscribeUrl = unsubscribeUrl;
        return b;
    }

    /** Builds a {@link Notification}; each setter may be called once, never with null. Not thread-safe. */
    public static final class Builder {
        private ThreadRef thread;
        private String eventId;
        private Reason reason;
        private Actor actor;
        private Recipient recipient;
        private String title;
        private String textBody;
        private String htmlBody;
        private URI threadUrl;
        private URI unsubscribeUrl;

        private final BuilderState state = new BuilderState("Notification.Builder");

        private Builder() {
        }

        /** @param thread the conversation @return this */
        public Builder thread(ThreadRef thread) {
            this.thread = state.set("thread", thread);
            return this;
        }

        /** @param eventId the event or comment id, null for the thread's first message @return this */
        public Builder eventId(String eventId) {
            this.eventId = state.set("eventId", eventId);
            return this;
        }

        /** @param reason why the recipient gets it @return this */
        public Builder reason(Reason reason) {
            this.reason = state.set("reason", reason);
            return this;
        }

        /** @param actor who caused it @return this */
        public Builder actor(Actor actor) {
            this.actor = state.set("actor", actor);
            return this;
        }

        /** @param recipient who gets it @return this */
        public Builder recipient(Recipient recipient) {
            this.recipient = state.set("recipient", recipient);
            return this;
        }

        /** @param title the thread's title @return this */
        public Builder title(String title) {
            this.title = state.set("title", title);
            return this;
        }

        /** @param textBody the plain-text body @return this */
        public Builder textBody(String textBody) {
            this.textBody = state.set("textBody", textBody);
            return this;
        }

        /** @param htmlBody the HTML body, or null @return this */
        public Builder htmlBody(String htmlBody) {
            this.htmlBody = state.set("htmlBody", htmlBody);
            return this;
        }

        /** @param threadUrl the web link of the thread @return this */
        public Builder threadUrl(URI threadUrl) {
            this.threadUrl = state.set("threadUrl", threadUrl);
            return this;
        }

        /** @param unsubscribeUrl the https one-click unsubscribe link, or null @return this */
        public Builder unsubscribeUrl(URI unsubscribeUrl) {
            this.unsubscribeUrl = state.set("unsubscribeUrl", unsubscribeUrl);
            return this;
        }

        /** @return the notification @throws IllegalArgumentException naming the first bad field */
        public Notification build() {
            return new Notification(thread, eventId, reason, actor, recipient, title, textBody, htmlBody, threadUrl,
                    unsubscribeUrl);
        }
    }
}
