package dev.mailwright.core.diagnostics;

import dev.mailwright.core.BuilderState;
import dev.mailwright.core.MailwrightException;
import dev.mailwright.core.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One zip file to attach to a support request: the diagnostics report (text and JSON), the SMTP
 * transcripts, and the recent lines of log files (such as the inbound pipeline's). Transcripts
 * and log lines go through the same credential redaction ({@code CredentialRedactor}: passwords,
 * tokens and keys as {@code key=value}, environment variables, JSON members, URLs, command-line
 * flags, and the SMTP {@code AUTH} exchange in any transcript format, such as the seed's
 * {@code unicorn.log}); {@code index.txt} lists the entries and says how many values were masked
 * in each. Entries are dated at the report's time, so the same inputs give the same bytes. Immutable.
 *
 * <pre>{@code
 * SupportBundle.builder(report).transcript("test-email", result.transcript().toText())
 *         .logFile(Path.of("/var/log/mailwright/inbound.log"), 500).build().writeTo(Path.of("support.zip"));
 * }</pre>
 */
public final class SupportBundle {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private final DiagnosticsReport report;
    private final Map<String, String> entries;
    private final Map<String, Integer> redactions;

    private SupportBundle(DiagnosticsReport report, Map<String, String> entries, Map<String, Integer> redactions) {
        this.report = report;
        this.entries = Map.copyOf(entries);
        this.redactions = Map.copyOf(redactions);
    }

    /** @param report the report to include @return a builder */
    public static Builder builder(DiagnosticsReport report) {
        return new Builder(report);
    }

    /** @return entry names in the zip, in order */
    public List<String> entryNames() {
        List<String> names = new ArrayList<>(List.of("index.txt", "report.txt", "report.json"));
        names.addAll(entries.keySet().stream().sorted().toList());
        return names;
    }

    /** @return how many values were masked in the transcripts and log lines, in all */
    public int redactedCount() {
        return redactions.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @return the index: each entry with the number of values masked in it, and the total */
    String index() {
        StringBuilder b = new StringBuilder("Mailwright support bundle, ").append(report.generatedAt()).append('\n')
                .append("Transcripts and log lines were redacted: passwords, tokens and keys, credentials in URLs and\n")
                .append("flags, and SMTP AUTH payloads are replaced by ").append(CredentialRedactor.MASK)
                .append(" or [redacted: ...].\n\n");
        for (String name : entryNames().subList(1, entryNames().size())) {
            Integer n = redactions.get(name);
            b.append(name).append(": ").append(n == null ? "generated (not redacted)" : n + " value(s) redacted").append('\n');
        }
        return b.append("\ntotal: ").append(redactedCount()).append(" value(s) redacted\n").toString();
    }

    /**
     * Writes the zip (replacing the file).
     *
     * @param zip where to write
     * @throws MailwrightException when the file cannot be written, naming it
     */
    public void writeTo(Path zip) {
        Objects.requireNonNull(zip, "zip");
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os, StandardCharsets.UTF_8)) {
            put(z, "index.txt", index());
            put(z, "report.txt", ReportRenderer.text(report));
            put(z, "report.json", Json.write(ReportRenderer.data(report), false));
            for (String name : entries.keySet().stream().sorted().toList()) {
                put(z, name, entries.get(name));
            }
        } catch (IOException e) {
            throw new MailwrightException("Cannot write the support bundle " + zip + ": " + e.getMessage()
                    + ". Check that the directory exists and is writable.", e);
        }
    }

    private void put(ZipOutputStream z, String name, String text) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(FileTime.from(report.generatedAt()));
        z.putNextEntry(e);
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }

    /** @return the text, line by line, with its credentials masked, and how many were */
    private static Map.Entry<String, Integer> redact(List<String> lines) {
        CredentialRedactor r = new CredentialRedactor();
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(r.line(l)).append('\n'));
        return Map.entry(b.toString(), r.redacted());
    }

    /** Builds a {@link SupportBundle}. Not thread-safe. */
    public static final class Builder {
        private final DiagnosticsReport report;
        private final Map<String, String> entries = new LinkedHashMap<>();
        private final BuilderState state = new BuilderState("SupportBundle.Builder");
        private final Map<String, Integer> redactions = new LinkedHashMap<>();

        private Builder(DiagnosticsReport report) {
            this.report = Objects.requireNonNull(report, "report");
        }

        /**
         * @param name a file-name-safe name, such as {@code test-email}
         * @param text the transcript text (redacted again here, whatever its format)
         * @return this
         */
        public Builder transcript(String name, String text) {
            Objects.requireNonNull(text, "text");
            return add("transcripts/" + safe(name) + ".txt", text.lines().toList());
        }

        private Builder add(String entry, List<String> lines) {
            state.set("entry " + entry, "given");
            Map.Entry<String, Integer> redacted = redact(lines);
            entries.put(entry, redacted.getKey());
            redactions.put(entry, redacted.getValue());
            return this;
        }

        /**
         * @param name a file-name-safe name, such as {@code inbound.log}
         * @param lines recent log lines
         * @return this
         */
        public Builder logLines(String name, List<String> lines) {
            return add("logs/" + safe(name), List.copyOf(lines));
        }

        /**
         * Adds the last lines of a log file.
         *
         * @param file the log file
         * @param maxLines how many lines at most, from the end
         * @return this
         * @throws MailwrightException when the file cannot be read, naming it
         * @throws IllegalArgumentException when maxLines is not positive
         */
        public Builder logFile(Path file, int maxLines) {
            Objects.requireNonNull(file, "file");
            if (maxLines < 1) {
                throw new IllegalArgumentException("maxLines must be at least 1, not " + maxLines);
            }
            Deque<String> tail = new ArrayDeque<>();
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    tail.addLast(line);
                    if (tail.size() > maxLines) {
                        tail.removeFirst();
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new MailwrightException("Cannot read the log file " + file + ": " + e.getMessage()
                        + ". Check the path and that it is a readable UTF-8 text file.", e);
            }
            return logLines(safeFileName(file), new ArrayList<>(tail));
        }

        /** @return the bundle */
        public SupportBundle build() {
            return new SupportBundle(report, entries, redactions);
        }

        private static String safeFileName(Path file) {
            String n = file.getFileName() == null ? "log" : file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            return n.isEmpty() || n.startsWith(".") ? "log" + n : n;
        }

        private static String safe(String name) {
            Objects.requireNonNull(name, "name");
            if (!SAFE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a usable entry name; use letters, digits, '.', '_'"
                        + " and '-', starting with a letter or digit, such as test-email");
            }
            return name;
        }
    }
}
