package dev.mailwright.inbound.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pathological inputs of a few megabytes, built to hurt a backtracking or quadratic extractor:
 * each must finish well inside a generous limit (a regression fails instead of hanging; this is
 * no performance assertion: the benchmark measures speed) and lose no text.
 */
class AdversarialInputTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final int MB = 1 << 20;
    private static final ReplyTextExtractor EXTRACTOR = ReplyTextExtractor.standard();

    static Stream<Arguments> inputs() {
        return Stream.of(
                text("one 4 MB line without a newline", () -> "a".repeat(4 * MB)),
                text("one 4 MB line of spaces and colons", () -> " :".repeat(2 * MB)),
                text("deeply nested quote markers", () -> lines(">".repeat(900) + " x", 4_000)),
                text("'On ' repeated, never 'wrote:'", () -> lines("On ".repeat(300), 4_000)),
                text("near-miss headers at the line cap", () -> lines("On " + "Tue, ".repeat(190) + "wrote", 4_000)),
                text("headers wrapped without end", () -> lines("On Tue, Mar 12, 2024 at 10:15 AM Ann <", 60_000)),
                text("CJK header near misses", () -> lines("年月日<@".repeat(160) + ">", 5_000)),
                text("glob middle parts that almost match", () -> lines("a <b@c".repeat(150) + " :", 6_000)),
                text("signature delimiters on every line", () -> lines("--\nAnn Lee", 100_000)),
                text("standard delimiters on every line", () -> lines("-- ", 200_000)),
                text("unclosed fences on every line", () -> lines("```", 200_000) + lines("~~~~", 100_000)),
                text("From: lines with no block", () -> lines("From: Ann <ann@example.com>", 150_000)),
                text("Outlook blocks back to back", () -> lines("From: a\nSent: b\nTo: c\nSubject: d", 50_000)),
                text("separator look-alikes", () -> lines("-".repeat(500) + " original ", 8_000)),
                text("carriage returns only", () -> "x\r".repeat(MB)),
                text("blank lines between text", () -> lines("a\n\n\n\n\n\n\n\n", 100_000)),
                text("quote then text alternating", () -> lines("> q\nanswer", 150_000)),
                text("disclaimer openings everywhere", () -> lines("\nThis email and any attachments are", 80_000)),
                text("signature lines between delimiters", () -> lines("Sent from my iPhone\n-- ", 150_000)),
                text("mobile signatures and delimiter lines only", () -> lines("Sent from my iPhone\n***", 150_000)),
                text("addresses left open above '>:' lines", () -> lines("Ann <\n>:", 150_000)),
                text("rules of underscores above label lines", () -> lines("_".repeat(32) + "\nA: b\nC: d 2024 10:15\nE: f", 60_000)),
                text("quoted headers and footers in an interleaved reply", () -> lines(
                        "> On 12 Mar 2024, at 10:15, Ann <a@x.org> wrote:\nanswer\n> Reply to this email directly", 80_000)),
                text("markdown link brackets", () -> lines("Sent from [".repeat(80) + "](", 20_000)),
                text("indented near-miss headers", () -> lines("    On Tue, 12 Mar 2024 10:15 Ann <", 100_000)),
                html("deeply nested divs", () -> "<div>".repeat(100_000) + "x" + "</div>".repeat(100_000)),
                html("deeply nested blockquotes", () -> "<blockquote type=cite>".repeat(50_000) + "x"),
                html("unclosed links", () -> "<a href=\"https://e.example/\">t".repeat(50_000)),
                html("huge attribute", () -> "<div style=\"" + "border-top:".repeat(200_000) + "\">From: x</div>"),
                html("nested Outlook dividers without a label", () -> "<div style=\"border-top:solid\">".repeat(60_000) + "x"),
                html("many list items", () -> "<ol>" + "<li>item</li>".repeat(100_000) + "</ol>"),
                html("pre with quote markers", () -> "<pre>" + "&gt; q\n".repeat(300_000) + "</pre>"));
    }

    private static Arguments text(String name, Supplier<String> body) {
        return Arguments.of(name, body, false);
    }

    private static Arguments html(String name, Supplier<String> body) {
        return Arguments.of(name, body, true);
    }

    private static String lines(String line, int count) {
        return (line + "\n").repeat(count);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void pathologicalInput_finishesAndKeepsAllText(String name, Supplier<String> body, boolean isHtml) {
        String input = body.get();
        ExtractedReply reply = assertTimeoutPreemptively(LIMIT, () -> EXTRACTOR.extract(
                isHtml ? ReplyInput.ofHtml(input) : ReplyInput.ofText(input)));
        assertThat(reply.confidence()).isBetween(0.0, 1.0);
        if (!isHtml) {
            long inputChars = nonBlankChars(input);
            assertThat(nonBlankChars(reply.text()) + nonBlankChars(reply.removed()))
                    .as("no text lost").isEqualTo(inputChars);
        }
    }

    @org.junit.jupiter.api.Test
    void notificationLinesEverywhere_finishAndKeepTheText() {
        String sent = "Line A of the notification.\nLine B of the notification.\n";
        String body = (sent + "my own text after them\n").repeat(90_000);
        ExtractedReply reply = assertTimeoutPreemptively(LIMIT,
                () -> EXTRACTOR.extract(new ReplyInput(body, null, sent)));
        assertThat(nonBlankChars(reply.text()) + nonBlankChars(reply.removed())).isEqualTo(nonBlankChars(body));
        assertThat(reply.text()).endsWith("my own text after them");
    }

    private static long nonBlankChars(String s) {
        return s.chars().filter(c -> !Character.isWhitespace(c)).count();
    }
}
