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
        assertThat(entries.keySet()).containsExactly("index.txt", "report.txt", "report.json", "logs/inbound.log",
                "transcripts/test-email.txt");
        assertThat(entries.get("report.txt")).isEqualTo(ReportRenderer.text(report));
        assertThat(entries.get("report.json")).isEqualTo(DiagnosticsReportTest.json(report));
        assertThat(entries.get("logs/inbound.log")).isEqualTo("line 49\nline 50\nconnecting with password=****** token: ******\n");
        assertThat(String.join("", entries.values())).doesNotContain(DiagnosticsReportTest.PASSWORD).doesNotContain("hunter2");
        byte[] first = Files.readAllBytes(zip);
        SupportBundle.builder(report).transcript("test-email", "Connection opened: smtp.example.com:587\n")
                .logFile(log, 3).build().writeTo(zip);
        assertThat(Files.readAllBytes(zip)).isEqualTo(first);
    }

    /** The seed's unicorn.log excerpt: the base64 answers to {@code 334 VXNlcm5hbWU6} and {@code 334 UGFzc3dvcmQ6}. */
    static final String UNICORN = String.join("\n",
            "Connection opened: smtp.yourdomain.com:587",
            "-> \"220 smtp.yourdomain.com ESMTP nt3sm2942435pbc.14\\r\\n\"",
            "<- \"EHLO yourdomain.com\\r\\n\"",
            "-> \"250-AUTH LOGIN PLAIN XOAUTH\\r\\n\"",
            "-> \"250 PIPELINING\\r\\n\"",
            "<- \"AUTH LOGIN\\r\\n\"",
            "-> \"334 VXNlcm5hbWU6\\r\\n\"",
            "<- \"dGhpc2lzbXlAYWRkcmVzcy5jb20=\\r\\n\"",
            "-> \"334 UGFzc3dvcmQ6\\r\\n\"",
            "<- \"aXRyZWFsbHl3YXM=\\r\\n\"",
            "-> \"535-5.7.1 Username and Password not accepted. Learn more at\\r\\n\"",
            "-> \"535 5.7.1 http://support.yourdomain.com/smtp/auth-not-accepted nt3sm2942435pbc.14\\r\\n\"");

    /**
     * Regression (issue 13, defect 7): only {@code password=} lines were masked; every other shape
     * below went into the zip in clear. None of the password, its base64, or the AUTH PLAIN blob is
     * anywhere in the zip now, and the index says how many values were masked.
     */
    @Test
    void everyCredentialShape_isMasked_andTheIndexCountsThem() throws IOException {
        String password = "S3cr3t-pa55";
        String b64 = java.util.Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
        String plain = java.util.Base64.getEncoder().encodeToString(("\0alice\0" + password).getBytes(StandardCharsets.UTF_8));
        java.util.List<String> log = java.util.List.of(
                "MAILWRIGHT_SMTP_PASSWORD=" + password,
                "export MAILWRIGHT_SMTP_PASSWORD=\"" + password + "\"",
                "settings: {\"host\":\"smtp.example.com\",\"password\":\"" + password + "\",\"port\":587}",
                "transport smtp://alice:" + password + "@smtp.example.com:587",
                "mailwright test-email --password " + password + " --to admin@example.com",
                "mailwright test-email --password=" + password,
                "Authorization: Basic " + b64,
                "C: AUTH PLAIN " + plain,
                "<- \"AUTH PLAIN " + plain + "\\r\\n\"",
                " -> AUTH LOGIN",
                "<-  334 VXNlcm5hbWU6",
                " -> YWxpY2U=",
                "<-  334 UGFzc3dvcmQ6",
                " -> " + b64,
                "<-  235 2.7.0 Authentication successful",
                "AUTH LOGIN",
                "334 VXNlcm5hbWU6",
                "YWxpY2U=",
                "334 UGFzc3dvcmQ6",
                b64,
                "235 2.7.0 Accepted",
                "smtp.token: " + password);
        DiagnosticsReport report = DiagnosticsReport.builder().clock(DiagnosticsReportTest.CLOCK)
                .settings(DiagnosticsReportTest.settings()).build();
        Path zip = dir.resolve("support.zip");

        SupportBundle bundle = SupportBundle.builder(report).transcript("unicorn", UNICORN).logLines("mailwright.log", log).build();
        bundle.writeTo(zip);

        Map<String, String> entries = unzip(zip);
        String all = String.join("\n", entries.values());
        assertThat(all).doesNotContain(password).doesNotContain(b64).doesNotContain(plain)
                .doesNotContain("aXRyZWFsbHl3YXM=").doesNotContain("dGhpc2lzbXlAYWRkcmVzcy5jb20=");
        assertThat(entries.get("transcripts/unicorn.txt")).contains("<- \"[redacted: AUTH LOGIN user name]\\r\\n\"", "<- \"[redacted: AUTH LOGIN password]\\r\\n\"")
                .contains("-> \"250-AUTH LOGIN PLAIN XOAUTH\\r\\n\"").contains("Username and Password not accepted");
        assertThat(entries.get("logs/mailwright.log")).contains("smtp://alice:******@smtp.example.com", "\"password\":\"******\"",
                "--password ****** --to admin@example.com", "MAILWRIGHT_SMTP_PASSWORD=******", "235 2.7.0 Accepted");
        assertThat(bundle.redactedCount()).isEqualTo(2 + 14);
        assertThat(entries.get("index.txt")).contains("transcripts/unicorn.txt: 2 value(s) redacted",
                "logs/mailwright.log: 14 value(s) redacted", "report.txt: generated (not redacted)", "total: 16 value(s) redacted");
        assertThat(entries.keySet()).first().isEqualTo("index.txt");
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
