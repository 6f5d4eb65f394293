package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationTemplate;

/** The standard bodies: the host's text and HTML followed by a footer in the forge's style. */
public final class StandardTemplate implements NotificationTemplate {
    /** The one instance. */
    public static final StandardTemplate INSTANCE = new StandardTemplate();

    private StandardTemplate() {
    }

    @Override
    public Body render(Notification n, String siteName) {
        String url = n.threadUrl().toString();
        StringBuilder text = new StringBuilder(n.textBody().length() + 300);
        text.append(n.textBody());
        if (!n.textBody().endsWith("\n")) {
            text.append('\n');
        }
        text.append("\n-- \n")
                .append("Reply to this email directly or view it on ").append(siteName).append(":\n")
                .append(url).append('\n');
        if (n.unsubscribeUrl() != null) {
            text.append("Unsubscribe: ").append(n.unsubscribeUrl()).append('\n');
        }
        text.append("You are receiving this because ").append(n.reason().sentence()).append(".\n");
        String html = n.html().map(h -> html(h, n, siteName)).orElse(null);
        return new Body(text.toString(), html);
    }

    private static String html(String body, Notification n, String siteName) {
        StringBuilder out = new StringBuilder(body.length() + 600);
        out.append("<html>\n<body>\n").append(body);
        if (!body.endsWith("\n")) {
            out.append('\n');
        }
        out.append("<p style=\"font-size:small;-webkit-text-size-adjust:none;color:#666;\">&mdash;<br />\n")
                .append("Reply to this email directly or <a href=\"").append(escape(n.threadUrl().toString()))
                .append("\">view it on ").append(escape(siteName)).append("</a>");
        if (n.unsubscribeUrl() != null) {
            out.append(", or <a href=\"").append(escape(n.unsubscribeUrl().toString())).append("\">unsubscribe</a>");
        }
        out.append(".<br />\nYou are receiving this because ").append(escape(n.reason().sentence())).append(".</p>\n")
                .append("</body>\n</html>\n");
        return out.toString();
    }

    /** @return the text with {@code & < > "} escaped for HTML */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
