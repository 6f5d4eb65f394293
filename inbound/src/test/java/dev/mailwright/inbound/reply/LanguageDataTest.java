package dev.mailwright.inbound.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every line of every built-in data file, turned into a reply, is recognised: a typo in a pattern
 * (a stray space, a wrong colon) fails here, naming the line.
 */
class LanguageDataTest {
    private static final String ANSWER = "The answer.";
    private static final String QUOTE = "> the question";
    private static final ReplyTextExtractor EXTRACTOR = ReplyTextExtractor.standard();

    static List<String> lines(ReplyPatternKind kind) throws IOException {
        try (InputStream in = LanguageDataTest.class.getResourceAsStream(
                "/dev/mailwright/inbound/reply/" + kind.fileName())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    static List<String> patterns(ReplyPatternKind kind) throws IOException {
        return lines(kind).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static Stream<DynamicTest> each(ReplyPatternKind kind, java.util.function.Function<String, String> body,
            String expected) throws IOException {
        return patterns(kind).stream().map(p -> DynamicTest.dynamicTest(p, () ->
                assertThat(EXTRACTOR.extract(ReplyInput.ofText(body.apply(p))).text())
                        .as("pattern \"%s\" of %s", p, kind.fileName()).isEqualTo(expected)));
    }

    @TestFactory
    Stream<DynamicTest> everyReplyHeader_isRecognisedAboveAQuote() throws IOException {
        return each(ReplyPatternKind.REPLY_HEADER,
                p -> ANSWER + "\n\n" + p.replace("*", "12.03.2024 Ann <ann@example.com>") + "\n" + QUOTE + "\n", ANSWER);
    }

    @TestFactory
    Stream<DynamicTest> everySeparator_cutsTheHistory() throws IOException {
        return each(ReplyPatternKind.SEPARATOR,
                p -> ANSWER + "\n\n----- " + p + " -----\nold text\nmore old text\n", ANSWER);
    }

    @TestFactory
    Stream<DynamicTest> everySignature_isRemovedAtTheEnd() throws IOException {
        return each(ReplyPatternKind.SIGNATURE, p -> ANSWER + "\n\n" + p.replace("*", "iPhone") + "\n", ANSWER);
    }

    @TestFactory
    Stream<DynamicTest> everyDisclaimer_isRemovedWithItsParagraph() throws IOException {
        return each(ReplyPatternKind.DISCLAIMER,
                p -> ANSWER + "\n\n" + p.replace("*", " x ") + "\nsecond line of legal text\n", ANSWER);
    }

    @TestFactory
    Stream<DynamicTest> everyFooterLine_isRemoved() throws IOException {
        return each(ReplyPatternKind.FOOTER,
                p -> ANSWER + "\n\n\u2014\n" + p.replace("*", " x ") + "\n", ANSWER);
    }

    /** Each language group of header-fields.txt makes an Outlook block that cuts the history. */
    @TestFactory
    Stream<DynamicTest> everyLanguagesOutlookBlock_cutsTheHistory() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        String group = "";
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines(ReplyPatternKind.HEADER_FIELD)) {
            if (line.startsWith("#")) {
                addBlockTest(tests, group, fields);
                group = line.substring(1).strip();
                fields = new LinkedHashMap<>();
            } else if (line.contains("=")) {
                fields.putIfAbsent(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        addBlockTest(tests, group, fields);
        assertThat(tests).hasSizeGreaterThanOrEqualTo(15);
        return tests.stream();
    }

    private static void addBlockTest(List<DynamicTest> tests, String group, Map<String, String> fields) {
        if (!fields.containsKey("from") || fields.size() < 3) {
            return;
        }
        StringBuilder block = new StringBuilder();
        fields.forEach((field, label) -> block.append(label).append(": value of ").append(field).append('\n'));
        String body = ANSWER + "\n\n" + block + "\nold text\n";
        tests.add(DynamicTest.dynamicTest(group, () -> assertThat(EXTRACTOR.extract(ReplyInput.ofText(body)).text())
                .as("Outlook block of %s:\n%s", group, block).isEqualTo(ANSWER)));
    }

    @Test
    void replyHeaders_coverAtLeastTwentyLanguages() throws IOException {
        long languages = lines(ReplyPatternKind.REPLY_HEADER).stream().filter(l -> l.startsWith("# ")).count();
        assertThat(languages).isGreaterThanOrEqualTo(20);
    }
}
