package dev.mailwright.inbound.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyTextExtractorTest {
    private static final String HEADER = "On Tue, Mar 12, 2024 at 10:15 AM Ann <ann@example.com> wrote:";
    private final ReplyTextExtractor extractor = ReplyTextExtractor.standard();

    @Test
    void standard_isSharedAndThreadSafeToReuse() {
        assertThat(ReplyTextExtractor.standard()).isSameAs(ReplyTextExtractor.standard());
    }

    @Test
    void extract_rejectsNullInput() {
        assertThatThrownBy(() -> extractor.extract(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("input");
    }

    @Test
    void extract_blankInput_isEmptyWithFullConfidence() {
        ExtractedReply reply = extractor.extract(new ReplyInput(null, "  ", null));
        assertThat(reply.isEmpty()).isTrue();
        assertThat(reply.removed()).isEmpty();
        assertThat(reply.confidence()).isEqualTo(1.0);
    }

    @Test
    void extract_onlyQuotedText_isReportedEmptyWithTheQuoteRemoved() {
        ExtractedReply reply = extractor.extract(ReplyInput.ofText(HEADER + "\n> first\n> second\n"));
        assertThat(reply.isEmpty()).isTrue();
        assertThat(reply.text()).isEmpty();
        assertThat(reply.removed()).isEqualTo(HEADER + "\n> first\n> second");
        assertThat(reply.confidence()).isGreaterThan(0.5);
    }

    @Test
    void extract_removedHoldsHeaderQuoteAndSignatureInOrder() {
        ExtractedReply reply = extractor.extract(ReplyInput.ofText(
                "Done.\n\n-- \nBo\n\n" + HEADER + "\n> Is it done?\n"));
        assertThat(reply.text()).isEqualTo("Done.");
        assertThat(reply.removed()).isEqualTo("-- \nBo\n\n" + HEADER + "\n> Is it done?");
    }

    @Test
    void extract_crlfAndLoneCrLineEndings_areLines() {
        ExtractedReply reply = extractor.extract(ReplyInput.ofText("Yes.\r\n\r\n" + HEADER + "\r> q\r\n"));
        assertThat(reply.text()).isEqualTo("Yes.");
    }

    @Test
    void confidence_isLowerForABareDoubleDashSignatureThanForTheStandardDelimiter() {
        double standard = extractor.extract(ReplyInput.ofText("Fixed.\n\n-- \nBo Lind\n")).confidence();
        double bare = extractor.extract(ReplyInput.ofText("Fixed.\n\n--\nBo Lind\n")).confidence();
        assertThat(bare).isLessThan(standard);
    }

    @Test
    void confidence_isZeroAndTheTailRemovedWhenTheBodyIsOverTheCap() {
        ReplyTextExtractor capped = ReplyTextExtractor.builder().maxInputChars(40).build();
        String body = "First line of the answer.\nSecond line\nthird line past the cap\n";
        ExtractedReply reply = capped.extract(ReplyInput.ofText(body));
        assertThat(reply.confidence()).isZero();
        assertThat(reply.text()).isEqualTo("First line of the answer.\nSecond line");
        assertThat(reply.removed()).isEqualTo("third line past the cap");
    }

    @Test
    void maxLineChars_lineLongerThanTheCapIsNeverAHeader() {
        String longHeader = "On Tue, Mar 12, 2024 at 10:15 AM " + "x".repeat(200) + " <a@example.com> wrote:";
        ReplyTextExtractor capped = ReplyTextExtractor.builder().maxLineChars(100).build();
        assertThat(capped.extract(ReplyInput.ofText("Hi.\n" + longHeader)).text()).endsWith("wrote:");
        assertThat(extractor.extract(ReplyInput.ofText("Hi.\n" + longHeader)).text()).isEqualTo("Hi.");
    }

    @Test
    void builder_rejectsCapsOutOfRangeNamingTheValue() {
        assertThatThrownBy(() -> ReplyTextExtractor.builder().maxInputChars(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
        assertThatThrownBy(() -> ReplyTextExtractor.builder().maxLineChars(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 10");
    }

    @Test
    void inlineContext_false_keepsOnlyTheAnswers() {
        String body = "> q1\n\na1\n\n> q2\n\na2\n";
        assertThat(extractor.extract(ReplyInput.ofText(body)).text()).isEqualTo("> q1\n\na1\n\n> q2\n\na2");
        ReplyTextExtractor answersOnly = ReplyTextExtractor.builder().inlineContext(false).build();
        assertThat(answersOnly.extract(ReplyInput.ofText(body)).text()).isEqualTo("a1\n\na2");
    }

    @Test
    void patterns_addAReplyHeaderOfAnotherLanguage() {
        String body = "Ja.\n\nOp Di. 12 Mrt. het Johan geskryf:\n> Nou?\n\nAfrikaans, met 'n antwoord.\n\n> En?\n";
        assertThat(extractor.extract(ReplyInput.ofText(body)).text()).contains("geskryf");
        ReplyTextExtractor afrikaans = ReplyTextExtractor.builder()
                .patterns(ReplyPatternKind.REPLY_HEADER, List.of("Op * het * geskryf:")).build();
        assertThat(afrikaans.extract(ReplyInput.ofText(body)).text()).doesNotContain("geskryf");
    }

    @Test
    void replyHeaderPattern_withStarsAtBothEnds_isRejectedWithThePattern() {
        assertThatThrownBy(() -> ReplyTextExtractor.builder()
                .patterns(ReplyPatternKind.REPLY_HEADER, List.of("* wrote *")).build())
                .isInstanceOf(ReplyDataException.class).hasMessageContaining("\"* wrote *\"");
    }

    @Test
    void patternFile_readsThePatternSyntax(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("signatures.txt");
        Files.writeString(file, "# mine\nDictated to my watch*\n", StandardCharsets.UTF_8);
        ReplyTextExtractor withFile = ReplyTextExtractor.builder()
                .patternFile(ReplyPatternKind.SIGNATURE, file).build();
        assertThat(withFile.extract(ReplyInput.ofText("Yes.\n\nDictated to my watch, sorry\n")).text())
                .isEqualTo("Yes.");
    }

    @Test
    void patternFile_missingFileIsAClearError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> ReplyTextExtractor.builder().patternFile(ReplyPatternKind.FOOTER, missing))
                .isInstanceOf(ReplyDataException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void patterns_malformedLinesAreClearErrors() {
        assertThatThrownBy(() -> ReplyTextExtractor.builder()
                .patterns(ReplyPatternKind.HEADER_FIELD, List.of("sender = Absender")).build())
                .isInstanceOf(ReplyDataException.class).hasMessageContaining("sender = Absender");
        assertThatThrownBy(() -> ReplyTextExtractor.builder()
                .patterns(ReplyPatternKind.SIGNATURE, List.of("* *")).build())
                .isInstanceOf(ReplyDataException.class).hasMessageContaining("* *");
        assertThatThrownBy(() -> ReplyTextExtractor.builder()
                .patterns(ReplyPatternKind.SIGNATURE, List.of("two\nlines")).build())
                .isInstanceOf(ReplyDataException.class).hasMessageContaining("one line");
    }

    @Test
    void sentNotification_recognisesTheUnquotedNotificationBody() {
        String sent = "Lena commented on #7:\nThe export times out.\n";
        String body = "Fixed in #8.\n\nLena commented on #7:\nThe export times out.\n";
        assertThat(extractor.extract(ReplyInput.ofText(body)).text()).contains("The export times out.");
        assertThat(extractor.extract(new ReplyInput(body, null, sent)).text()).isEqualTo("Fixed in #8.");
    }

    @Test
    void html_isUsedWhenTheTextPartHasNoStructure() {
        ExtractedReply reply = extractor.extract(new ReplyInput("Yes.\nold text", "<p>Yes.</p>"
                + "<blockquote type=\"cite\">old text</blockquote>", null));
        assertThat(reply.text()).isEqualTo("Yes.");
        assertThat(reply.removed()).isEqualTo("> old text");
    }

    @Test
    void html_withoutStructureOrMarkers_hasLowerConfidence() {
        ExtractedReply reply = extractor.extract(ReplyInput.ofHtml("<p>Plain <i>answer</i>.</p>"));
        assertThat(reply.text()).isEqualTo("Plain answer.");
        assertThat(reply.confidence()).isLessThan(1.0);
    }

    @Test
    void html_hiddenPreheaderAndStylesAreNotText() {
        ExtractedReply reply = extractor.extract(ReplyInput.ofHtml(
                "<style>p{color:red}</style><div style=\"display: none\">preview</div><p>Shown.</p>"));
        assertThat(reply.text()).isEqualTo("Shown.");
    }

    /** Regression: a short line starting with "On" right above the header was joined to it as a wrapped header. */
    @Test
    void wrappedHeaderJoin_doesNotEatTheLineAboveARealHeader() {
        assertThat(extractor.extract(ReplyInput.ofText("On a.\n" + HEADER + "\n> q\n")).text()).isEqualTo("On a.");
    }
}
