package dev.mailwright.inbound.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the extractor over generated replies. */
class ReplyTextProperties {
    private static final ReplyTextExtractor EXTRACTOR = ReplyTextExtractor.standard();
    private static final String HEADER = "On Tue, Mar 12, 2024 at 10:15 AM Ann <ann@example.com> wrote:";

    /** Lines of the kind people write: capitalised words ending with a full stop. */
    @Provide
    Arbitrary<String> sentence() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(9);
        return word.list().ofMinSize(1).ofMaxSize(12)
                .map(words -> Character.toUpperCase(words.get(0).charAt(0)) + String.join(" ", words).substring(1) + ".");
    }

    /** Lines that look like every marker the extractor knows, mixed with text and blank lines. */
    @Provide
    Arbitrary<String> anyLine() {
        return Arbitraries.oneOf(sentence(), Arbitraries.of("", " ", "> quoted", ">> deeper", "-- ", "--",
                "---", "```", "~~~", "    indented code", HEADER, "On Tue, Mar 12, 2024 at 10:15 AM Ann <",
                "ann@example.com> wrote:", "Sent from my iPhone", "-----Original Message-----",
                "From: Ann <ann@example.com>", "Sent: Tuesday", "To: Bo", "Subject: Hi",
                "Reply to this email directly or view it on Tracker", "CONFIDENTIALITY NOTICE: secret",
                "Begin forwarded message:", "- item", "1. item", "Am 12.03.2024 um 10:15 schrieb Jo <j@x.de>:",
                "> On 12 Mar 2024, at 10:15, Ann <ann@example.com> wrote:", "> Reply to this email directly or view it",
                "> \u2014", "***", "____", "\u1427", "________________________________", "Nga: Ann <ann@example.com>",
                "Dërguar: 12 mars 2024 10:15", "    On Tue, Mar 12, 2024 at 10:15 Ann <ann@example.com> wrote:",
                "---- On Tue, 12 Mar 2024 10:15:03 Ann <ann@example.com> wrote ----", "Ann Lee <", ">:",
                "Ann <ann@example.com>, 12 Mar 2024 Sal, 10:15", "tarihinde şunu yazdı:", "從我的 iPhone 傳送",
                "Get [Outlook for Android](https://aka.ms/x)", "Eric - eric@example.net", "2024/03/12 10:15、山田 <t@x.jp>のメール:",
                "Diese Nachricht enthält vertrauliche Informationen.", "You received this message because you are subscribed to x"));
    }

    @Property
    void newText_isKeptExactly_whenAQuoteBlockIsAppended(
            @ForAll @Size(min = 1, max = 8) List<@From("sentence") String> newLines,
            @ForAll @Size(min = 1, max = 8) List<@From("sentence") String> quoted,
            @ForAll boolean blankBeforeHeader) {
        String body = String.join("\n", newLines) + (blankBeforeHeader ? "\n\n" : "\n") + HEADER + "\n"
                + quote(quoted);
        ExtractedReply reply = EXTRACTOR.extract(ReplyInput.ofText(body));
        assertThat(reply.text()).isEqualTo(String.join("\n", newLines));
        assertThat(reply.removed()).contains(quoted.get(0));
    }

    @Property
    void everyAnswer_isKept_inAnInterleavedReply(
            @ForAll @Size(min = 2, max = 6) List<@From("sentence") String> answers,
            @ForAll @Size(min = 2, max = 6) List<@From("sentence") String> questions,
            @ForAll boolean context) {
        StringBuilder body = new StringBuilder(HEADER).append('\n');
        int n = Math.min(answers.size(), questions.size());
        for (int i = 0; i < n; i++) {
            body.append("> ").append(questions.get(i)).append("\n\n").append(answers.get(i)).append("\n\n");
        }
        body.append("> Thanks.\n");
        ReplyTextExtractor extractor = ReplyTextExtractor.builder().inlineContext(context).build();
        String text = extractor.extract(ReplyInput.ofText(body.toString())).text();
        int from = 0;
        for (int i = 0; i < n; i++) {
            int at = text.indexOf(answers.get(i), from);
            assertThat(at).as("answer %s in order", i).isGreaterThanOrEqualTo(0);
            from = at + answers.get(i).length();
        }
        assertThat(text).doesNotContain(HEADER).doesNotContain("> Thanks.");
    }

    @Property
    void nothingIsLost_everyLineIsKeptOrRemoved(@ForAll @Size(max = 40) List<@From("anyLine") String> lines) {
        String body = String.join("\n", lines);
        ExtractedReply reply = EXTRACTOR.extract(ReplyInput.ofText(body));
        Map<String, Integer> out = count(reply.text());
        count(reply.removed()).forEach((k, v) -> out.merge(k, v, Integer::sum));
        count(body).forEach((line, times) -> assertThat(out.getOrDefault(line, 0))
                .as("line \"%s\" of\n%s", line, body).isGreaterThanOrEqualTo(times));
        assertThat(reply.confidence()).isBetween(0.0, 1.0);
    }

    /** A quote with no reply header above it and the person's text on both sides is the person's own. */
    @Property
    void ownBlockquote_isKept_withTheTextAroundIt(
            @ForAll @Size(min = 1, max = 4) List<@From("sentence") String> before,
            @ForAll @Size(min = 1, max = 4) List<@From("sentence") String> quoted,
            @ForAll @Size(min = 1, max = 4) List<@From("sentence") String> after,
            @ForAll boolean historyBelow) {
        String own = String.join("\n", before) + "\n\n" + quote(quoted) + "\n" + String.join("\n", after);
        String body = own + (historyBelow ? "\n\n" + HEADER + "\n> Old question.\n" : "\n");
        ExtractedReply reply = EXTRACTOR.extract(ReplyInput.ofText(body));
        assertThat(reply.text()).isEqualTo(own);
    }

    @Property
    void htmlNewText_isKept_beforeACitedQuote(
            @ForAll @Size(min = 1, max = 5) List<@From("sentence") String> paragraphs,
            @ForAll("sentence") String quoted,
            @ForAll @IntRange(max = 3) int nesting) {
        StringBuilder html = new StringBuilder();
        paragraphs.forEach(p -> html.append("<p>").append(p).append("</p>"));
        html.append("<blockquote type=\"cite\">".repeat(nesting + 1)).append(quoted);
        ExtractedReply reply = EXTRACTOR.extract(ReplyInput.ofHtml(html.toString()));
        assertThat(reply.text()).isEqualTo(String.join("\n\n", paragraphs));
        assertThat(reply.removed()).contains(quoted);
    }

    private static String quote(List<String> lines) {
        List<String> out = new ArrayList<>();
        lines.forEach(l -> out.add("> " + l));
        return String.join("\n", out) + "\n";
    }

    private static Map<String, Integer> count(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isBlank()) {
                counts.merge(line.stripTrailing(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
