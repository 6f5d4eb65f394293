package dev.mailwright.benchmarks.reply;

/** Reply bodies for the reply-text benchmarks: typical ones, and 5 MB worst cases built on demand. */
final class ReplySamples {
    static final int FIVE_MB = 5 * 1024 * 1024;
    private static final String HEADER = "On Tue, Mar 12, 2024 at 10:15 AM Priya Raman <priya@tracker.example> wrote:";
    private static final String QUOTED_NOTIFICATION = """
            > @lena commented on this issue.
            >
            > The export still times out for projects with more than 10,000 issues. I traced it to
            > the query that loads every comment before paging.
            >
            > —
            > Reply to this email directly or view it on Tracker:
            > https://tracker.example/acme/api/issues/2041
            > You are receiving this because you were mentioned.
            """;

    private ReplySamples() {
    }

    /** @return the body of a sample; "html-" samples are HTML */
    static String typical(String name) {
        return switch (name) {
            case "top-posted" -> "Thanks, I will take a look at the paging query this afternoon.\n\n"
                    + "Best,\nJonas\n\n" + HEADER + "\n" + QUOTED_NOTIFICATION;
            case "interleaved" -> HEADER + "\n> Did you run the migration?\n\nYes, on staging only.\n\n"
                    + "> Is the flag on?\n\nNo, I left it off until Monday.\n\n" + QUOTED_NOTIFICATION;
            case "outlook" -> "Please send me the full log.\n\nRegards,\nMartin\n\n"
                    + "-----Original Message-----\nFrom: Sofia Lindgren <sofia@example.se>\n"
                    + "Sent: Thursday, April 11, 2024 2:30 PM\nTo: Martin Keller <martin@example.de>\n"
                    + "Subject: RE: Import job fails\n\nThe import stops at row 4012.\n".repeat(10);
            case "signature-mobile" -> "Can we move the call to 3pm?\n\n-- \nHannah Okafor\nSRE\n\n"
                    + "Sent from my iPhone\n\n" + QUOTED_NOTIFICATION;
            case "html-gmail" -> "<div dir=\"ltr\">Thanks, merged. See the <a href=\"https://docs.example.com/n\">notes"
                    + "</a>.</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">" + HEADER
                    + "<br></div><blockquote class=\"gmail_quote\"><div dir=\"ltr\">"
                    + "<p>Can you merge the branch?</p>".repeat(20) + "</div></blockquote></div>";
            case "html-outlook" -> "<html><body><div class=\"WordSection1\"><p class=\"MsoNormal\">Ja, das passt so."
                    + "</p><div style=\"border:none;border-top:solid #E1E1E1 1.0pt\"><p class=\"MsoNormal\">"
                    + "<b>Von:</b> Maria Klein<br><b>Gesendet:</b> Dienstag<br><b>An:</b> Felix<br>"
                    + "<b>Betreff:</b> Angebot</p></div>" + "<p class=\"MsoNormal\">Passt das Angebot so?</p>".repeat(30)
                    + "</div></body></html>";
            default -> throw new IllegalArgumentException("no typical sample named " + name);
        };
    }

    /** @return a body of about 5 MB */
    static String large(String name) {
        return switch (name) {
            case "text-5mb" -> fill("The export still times out for projects with many issues, see the log.\n");
            case "quoted-5mb" -> "Short answer on top.\n\n" + HEADER + "\n" + fill("> quoted history line of a long thread\n");
            case "interleaved-5mb" -> HEADER + "\n" + fill("> question line\n\nanswer line\n\n");
            case "pathological-5mb" -> fill("On Tue, Mar 12, 2024 at 10:15 AM Ann <\n--\n```\nFrom: a\n> x\n"
                    + "Sent from my \n" + "On ".repeat(100) + "\n");
            case "one-line-5mb" -> "a".repeat(FIVE_MB);
            case "html-5mb" -> "<div>" + fill("<p>Paragraph with <a href=\"https://e.example/\">a link</a> and <code>code</code>.</p>")
                    + "</div><blockquote type=\"cite\">" + "<div>old</div>".repeat(1000) + "</blockquote>";
            default -> throw new IllegalArgumentException("no large sample named " + name);
        };
    }

    private static String fill(String unit) {
        return unit.repeat(Math.max(1, FIVE_MB / unit.length()));
    }
}
