package dev.mailwright.inbound.reply;

import java.util.List;

/**
 * What the reply-text extractor reads: the text and/or HTML part of a parsed reply, and, when the
 * host supplies it, the text of the notification that was answered (to recognise its quoted footer).
 *
 * @param text the text/plain body, or null
 * @param html the text/html body, or null
 * @param sentNotificationText the text body of the notification being answered, or null
 */
public record ReplyInput(String text, String html, String sentNotificationText) {

    /** @return an input holding only a plain-text body */
    public static ReplyInput ofText(String text) {
        return new ReplyInput(text, null, null);
    }

    /** @return an input holding only an HTML body */
    public static ReplyInput ofHtml(String html) {
        return new ReplyInput(null, html, null);
    }

    /** @return the lines of the sent notification's text, empty when not supplied */
    public List<String> sentNotificationLines() {
        return sentNotificationText == null ? List.of() : sentNotificationText.lines().toList();
    }
}
