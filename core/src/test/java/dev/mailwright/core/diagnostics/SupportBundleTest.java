package dev.mailwright.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.MailwrightException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportBundleTest {
    @TempDir
    Path dir;

    static Map<String, String> unzip(Path zip) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                out.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void bundle_holdsTheReportTranscriptsAndTheLastLogLines() throws IOException {
        Path log = dir.resolve("inbound.log");
        Files.writeString(log, IntStream.rangeClosed(1, 50).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"))
                + "\nconnecting with password=hunter2 token: abc\n");
        DiagnosticsReport report = DiagnosticsReport.builder().clock(DiagnosticsReportTest.CLOCK)
                .settings(DiagnosticsReportTest.settings()).build();
        Path zip = dir.resolve("support.zip");

        SupportBundle.builder(report).transcript("test-email", "Connection opened: smtp.example.com:587\n")
                .logFile(log, 3).build().writeTo(zip);

        Map<String, String> entries = unzip(zip);
        assertThat(entries.keySet()).containsExactly("report.txt", "report.json", "logs/inbound.log", "transcripts/test-email.txt");
        assertThat(entries.get("report.txt")).isEqualTo(ReportRenderer.text(report));
        assertThat(entries.get("report.json")).isEqualTo(DiagnosticsReportTest.json(report));
        assertThat(entries.get("logs/inbound.log")).isEqualTo("line 49\nline 50\nconnecting with password=****** token: ******\n");
        assertThat(String.join("", entries.values())).doesNotContain(DiagnosticsReportTest.PASSWORD).doesNotContain("hunter2");
        byte[] first = Files.readAllBytes(zip);
        SupportBundle.builder(report).transcript("test-email", "Connection opened: smtp.example.com:587\n")
                .logFile(log, 3).build().writeTo(zip);
        assertThat(Files.readAllBytes(zip)).isEqualTo(first);
    }

    @Test
    void badInputs_areRefusedWithTheValue() {
        DiagnosticsReport report = DiagnosticsReport.builder().build();
        assertThatThrownBy(() -> SupportBundle.builder(report).transcript("../x", "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../x'");
        assertThatThrownBy(() -> SupportBundle.builder(report).logFile(dir.resolve("missing.log"), 10))
                .isInstanceOf(MailwrightException.class).hasMessageContaining("missing.log");
        assertThatThrownBy(() -> SupportBundle.builder(report).logFile(dir, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }
}
