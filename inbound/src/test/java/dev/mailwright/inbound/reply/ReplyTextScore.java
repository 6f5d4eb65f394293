package dev.mailwright.inbound.reply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Scores Mailwright's reply-text extractor on a set of replies with their expected text: a tool
 * of the test tree (not a test), run by {@code scripts/measure-reply-text.sh}, which builds the
 * classpath; see that script for usage.
 *
 * <p>Two layouts are read:
 * <ul>
 *   <li>{@code --trimmer DIR}: email_reply_trimmer's fixtures, {@code DIR/test/emails/NAME.txt}
 *       (or {@code DIR/emails}) with the expected text in {@code trimmed/NAME.txt}; the input and
 *       the expected text are stripped of white space at both ends, as that project's test does;
 *   <li>{@code --corpus DIR}: Mailwright's {@code .case} files (sections {@code #### input.txt},
 *       {@code input.html}, {@code sent.txt}, {@code expected}, {@code about}).
 * </ul>
 *
 * <p>Per case: <b>exact</b> (the text is the expected text), <b>soft</b> (equal once every run of
 * white space, blank lines included, counts as one space) and <b>kept</b> (every non-blank line of
 * the expected text is in the output: nothing the person wrote was lost). Scores are printed per
 * category: the file-name family for the trimmer's fixtures, the {@code category:} line of
 * {@code #### about} for the corpus.
 */
public final class ReplyTextScore {
    private record Result(String name, String category, boolean exact, boolean soft, boolean kept,
            String expected, String actual) {
    }

    public static void main(String[] args) throws IOException {
        boolean verbose = false;
        List<Result> all = new ArrayList<>();
        String title = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--verbose", "-v" -> verbose = true;
                case "--trimmer" -> {
                    title = "email_reply_trimmer fixtures";
                    all.addAll(trimmer(Path.of(args[++i])));
                }
                case "--corpus" -> {
                    title = "Mailwright corpus";
                    all.addAll(corpus(Path.of(args[++i])));
                }
                default -> {
                    System.err.println("usage: ReplyTextScore [--verbose] (--trimmer DIR | --corpus DIR)");
                    System.exit(2);
                }
            }
        }
        if (all.isEmpty()) {
            System.err.println("no cases found: give --trimmer with the folder holding test/emails and "
                    + "test/trimmed, or --corpus with a folder of .case files");
            System.exit(2);
        }
        report(title, all, verbose);
    }

    private static List<Result> trimmer(Path dir) throws IOException {
        Path base = Files.isDirectory(dir.resolve("test/emails")) ? dir.resolve("test") : dir;
        Path emails = base.resolve("emails");
        Path trimmed = base.resolve("trimmed");
        if (!Files.isDirectory(emails) || !Files.isDirectory(trimmed)) {
            throw new IllegalArgumentException("no emails/ and trimmed/ folders under " + dir
                    + ": give the folder the trimmer's repository was unpacked into");
        }
        List<Result> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(emails)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String name = f.getFileName().toString();
                String input = Files.readString(f, StandardCharsets.UTF_8).strip();
                String expected = Files.readString(trimmed.resolve(name), StandardCharsets.UTF_8).strip();
                String actual = ReplyTextExtractor.standard().extract(ReplyInput.ofText(input)).text();
                out.add(result(name.replace(".txt", ""), family(name), expected, actual));
            }
        }
        return out;
    }

    /** The fixture family: its file name without a trailing number or language. */
    private static String family(String name) {
        String n = name.replace(".txt", "");
        if (n.startsWith("embedded_email_") && !Character.isDigit(n.charAt("embedded_email_".length()))
                && !n.equals("embedded_email_quote_text")) {
            return "embedded_email (other languages)";
        }
        return n.replaceAll("_\\d+$", "");
    }

    private static List<Result> corpus(Path dir) throws IOException {
        List<Result> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".case")).sorted().toList()) {
                Map<String, String> s = ReplyCorpusTest.sections(f);
                ExtractedReply reply = ReplyTextExtractor.standard().extract(
                        new ReplyInput(s.get("input.txt"), s.get("input.html"), s.get("sent.txt")));
                String category = "uncategorised";
                for (String line : s.getOrDefault("about", "").lines().toList()) {
                    if (line.startsWith("category:")) {
                        category = line.substring("category:".length()).strip();
                    }
                }
                String name = f.getFileName().toString().replace(".case", "");
                out.add(result(name, category, s.getOrDefault("expected", "").strip(), reply.text()));
            }
        }
        return out;
    }

    private static Result result(String name, String category, String expected, String actual) {
        boolean exact = actual.equals(expected);
        boolean soft = squeeze(actual).equals(squeeze(expected));
        boolean kept = true;
        String squeezedActual = "\n" + String.join("\n", actual.lines().map(ReplyTextScore::squeeze).toList()) + "\n";
        for (String line : expected.lines().toList()) {
            if (!line.isBlank() && !squeezedActual.contains("\n" + squeeze(line) + "\n")) {
                kept = false;
            }
        }
        return new Result(name, category, exact, soft, kept, expected, actual);
    }

    private static String squeeze(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static void report(String title, List<Result> all, boolean verbose) {
        Map<String, int[]> byCategory = new TreeMap<>();
        for (Result r : all) {
            int[] c = byCategory.computeIfAbsent(r.category(), k -> new int[4]);
            c[0]++;
            c[1] += r.exact() ? 1 : 0;
            c[2] += r.soft() ? 1 : 0;
            c[3] += r.kept() ? 1 : 0;
            if (!r.exact()) {
                System.out.printf("%-5s %s (%s)%s%n", r.soft() ? "SOFT" : "MISS", r.name(), r.category(),
                        r.kept() ? "" : ", lost expected text");
                if (verbose) {
                    System.out.println("  expected:\n" + indent(r.expected()) + "\n  actual:\n" + indent(r.actual()));
                }
            }
        }
        System.out.println();
        System.out.println("| " + title + " | cases | exact | soft | nothing lost |");
        System.out.println("|---|---:|---:|---:|---:|");
        int[] total = new int[4];
        byCategory.forEach((category, c) -> {
            System.out.printf("| %s | %d | %d | %d | %d |%n", category, c[0], c[1], c[2], c[3]);
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
            }
        });
        System.out.printf("| **all** | **%d** | **%d (%.0f %%)** | **%d (%.0f %%)** | **%d** |%n", total[0],
                total[1], 100.0 * total[1] / total[0], total[2], 100.0 * total[2] / total[0], total[3]);
    }

    private static String indent(String s) {
        return s.isEmpty() ? "    (empty)" : "    " + s.replace("\n", "\n    ");
    }
}
