package dev.mailwright.inbound.internal;

import org.jsoup.Jsoup;

/**
 * The text of mail that opens a new thread: the whole message (it answers nothing, so no quoted
 * history is cut) with only the signature removed, the part after the last {@code "-- "} line
 * (RFC 3676, section 4.3).
 */
final class NewThreadText {
    private NewThreadText() {
    }

    /**
     * @param text the text/plain body, or null
     * @param html the text/html body, or null
     * @return the text and the signature removed from it (each possibly empty)
     */
    static String[] split(String text, String html) {
        String body = text != null ? text : html != null ? Jsoup.parse(html).wholeText() : "";
        body = body.replace("\r\n", "\n");
        int sig = body.startsWith("-- \n") ? 0 : body.lastIndexOf("\n-- \n");
        if (sig < 0) {
            return new String[] {body.strip(), ""};
        }
        int start = sig == 0 ? 0 : sig + 1;
        return new String[] {body.substring(0, start).strip(), body.substring(start + 4).strip()};
    }
}
