package dev.mailwright.inbound.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code src/test/resources/reply-corpus/}: each {@code .case} file holds
 * sections opened by a line {@code #### name}: {@code input.txt} and/or {@code input.html}, an
 * optional {@code sent.txt} (the notification answered), and {@code expected} (the exact new
 * text; empty for a reply that is only quoted text). An optional {@code removed-contains} section
 * lists lines that must be in the removed part. Every case has an {@code about} section naming its
 * {@code category:}, {@code language:} (ISO 639-1) and {@code client:}; the corpus must cover every
 * category of issue 18, at least 20 languages and every client family of docs/reply-text.md.
 */
class ReplyCorpusTest {
    private static final ReplyTextExtractor EXTRACTOR = ReplyTextExtractor.standard();

    static Path corpus() throws URISyntaxException {
        return Path.of(ReplyCorpusTest.class.getResource("/reply-corpus").toURI());
    }

    static Map<String, String> sections(Path file) throws IOException {
        Map<String, String> sections = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#### ")) {
                if (name != null) {
                    sections.put(name, body.toString());
                }
                name = line.substring(5).strip();
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        if (name != null) {
            sections.put(name, body.toString());
        }
        return sections;
    }

    static List<Path> cases() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(corpus())) {
            return files.filter(p -> p.toString().endsWith(".case")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCase_givesItsExpectedText() throws IOException, URISyntaxException {
        return cases().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Map<String, String> s = sections(file);
            assertThat(s).as("sections of %s", file).containsKey("expected");
            assertThat(s.containsKey("input.txt") || s.containsKey("input.html")).as("an input").isTrue();
            ExtractedReply reply = EXTRACTOR.extract(
                    new ReplyInput(s.get("input.txt"), s.get("input.html"), s.get("sent.txt")));
            assertThat(reply.text()).as(file.getFileName().toString()).isEqualTo(s.get("expected").strip());
            assertThat(reply.isEmpty()).isEqualTo(s.get("expected").isBlank());
            for (String line : s.getOrDefault("removed-contains", "").lines().toList()) {
                assertThat(reply.removed()).contains(line.strip());
            }
        }));
    }

    @Test
    void sharedExtractor_givesTheSameResultsFromManyThreads() throws Exception {
        List<ReplyInput> inputs = new ArrayList<>();
        for (Path file : cases()) {
            Map<String, String> s = sections(file);
            inputs.add(new ReplyInput(s.get("input.txt"), s.get("input.html"), s.get("sent.txt")));
        }
        List<ExtractedReply> sequential = inputs.stream().map(EXTRACTOR::extract).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<ExtractedReply>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> inputs.stream().map(EXTRACTOR::extract).toList()));
            }
            for (Future<List<ExtractedReply>> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The categories of misses issue 18 lists, and the older ones. */
    static final Set<String> CATEGORIES = Set.of("outlook-block", "attribution", "split-attribution",
            "inline-reply", "own-blockquote", "signature-disclaimer", "unquoted-history", "keep", "html",
            "notification", "basic");

    /** The client families of docs/reply-text.md (Apple Mail and iOS Mail count apart). */
    static final Set<String> CLIENTS = Set.of("gmail", "outlook-web", "outlook-desktop", "outlook-mac",
            "outlook-mobile", "apple-mail", "ios-mail", "thunderbird", "fastmail", "yahoo", "proton", "samsung",
            "zoho", "other");

    @Test
    void corpus_coversEveryCategoryInSeveralLanguagesAndEveryClient() throws IOException, URISyntaxException {
        Map<String, Set<String>> languagesByCategory = new TreeMap<>();
        Set<String> clients = new TreeSet<>();
        for (Path file : cases()) {
            Map<String, String> about = about(file);
            assertThat(CATEGORIES).as("category of %s", file.getFileName()).contains(about.get("category"));
            assertThat(CLIENTS).as("client of %s", file.getFileName()).contains(about.get("client"));
            assertThat(about.get("language")).as("language of %s", file.getFileName()).matches("[a-z]{2}");
            languagesByCategory.computeIfAbsent(about.get("category"), k -> new TreeSet<>()).add(about.get("language"));
            clients.add(about.get("client"));
        }
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(150);
        assertThat(languagesByCategory.values().stream().flatMap(Set::stream).distinct().count())
                .as("languages").isGreaterThanOrEqualTo(20);
        assertThat(clients).containsAll(CLIENTS);
        for (String category : List.of("outlook-block", "attribution", "split-attribution", "inline-reply",
                "own-blockquote", "signature-disclaimer", "unquoted-history")) {
            assertThat(languagesByCategory.get(category)).as("languages of %s", category).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    static Map<String, String> about(Path file) throws IOException {
        Map<String, String> about = new LinkedHashMap<>();
        for (String line : sections(file).getOrDefault("about", "").lines().toList()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                about.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return about;
    }
}
