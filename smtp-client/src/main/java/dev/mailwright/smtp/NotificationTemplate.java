package dev.mailwright.smtp;

import java.util.Objects;

/**
 * Turns a notification into the text and HTML bodies, footer included. The host application may
 * replace {@link #standard()} with its own; the composer encodes whatever it returns.
 */
@FunctionalInterface
public interface NotificationTemplate {

    /**
     * @param notification the notification
     * @param siteName the name shown in "view it on ..." ({@code GitHub Enterprise})
     * @return the bodies
     */
    Body render(Notification notification, String siteName);

    /**
     * @return the standard template: the host's bodies followed by the footer "Reply to this email
     *     directly or view it on ..." and "You are receiving this because ..."
     */
    static NotificationTemplate standard() {
        return dev.mailwright.smtp.internal.StandardTemplate.INSTANCE;
    }

    /**
     * The rendered bodies.
     *
     * @param text the plain-text body with footer
     * @param html the HTML body with footer, or null for text only
     */
    record Body(String text, String html) {
        /** Validates the fields. */
        public Body {
            Texts.body(Objects.requireNonNull(text, "text"), "text body");
            if (html != null) {
                Texts.body(html, "HTML body");
            }
        }
    }
}
