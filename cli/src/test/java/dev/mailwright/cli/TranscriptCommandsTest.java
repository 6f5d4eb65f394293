package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailwright.core.testing.Peers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code test-email}, {@code transcript analyze} and {@code diagnostics} end to end, against GreenMail. */
class TranscriptCommandsTest {
    static final Path SEED = Path.of("../smtp-client/src/test/resources/transcripts/seed-unicorn.log");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path settings(int port) throws IOException {
        Path f = dir.resolve("email.properties");
        Files.writeString(f, String.join("\n", "mailwright.smtp.host=127.0.0.1", "mailwright.smtp.port=" + port,
                "mailwright.smtp.security=none", "mailwright.noreply-address=noreply@ghe.example.com",
                "mailwright.hostname=ghe.example.com", "mailwright.smtp.connect-timeout=2s", "mailwright.smtp.read-timeout=2s", ""));
        return f;
    }

    @Test
    void testEmail_delivered_printsOutcomeFindingsAndTranscript() throws IOException {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        g.start();
        try {
            Run r = run("test-email", "--settings", settings(g.getSmtp().getPort()).toString(), "--to", "admin@example.com");

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).startsWith("Delivered: the test email to admin@example.com was accepted by the server.")
                    .contains("[PASS] smtp.message.accepted", "SMTP transcript:", "Connection opened: 127.0.0.1:" + g.getSmtp().getPort());
            assertThat(g.getReceivedMessages()).hasSize(1);
        } finally {
            g.stop();
        }
    }

    @Test
    void testEmail_failed_exitsNonZero_json() throws IOException {
        int closed = Peers.freePort();
        Run r = run("test-email", "--settings", settings(closed).toString(), "--to", "admin@example.com", "--json");

        assertThat(r.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out()).startsWith("{\"ok\":false,\"command\":\"test-email\",\"result\":"
                + "{\"delivered\":false,\"to\":\"admin@example.com\"")
                .contains("\"failure\":\"smtp.connect.refused\"", "\"code\":\"smtp.connect.refused\"", "\"transcript\":{\"events\":[");
        Path saved = dir.resolve("result.json");
        Files.writeString(saved, r.out());
        Run analyzed = run("transcript", "analyze", saved.toString());
        assertThat(analyzed.out()).contains("[FAILURE] smtp.connect.refused");
    }

    @Test
    void transcriptAnalyze_seedFormat() {
        Run r = run("transcript", "analyze", SEED.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out()).contains("[INFO] smtp.connection.opened: connection opened to smtp.yourdomain.com:587",
                "[PASS] smtp.tls.started: TLS was established", "[INFO] smtp.auth.mechanism: the `login` authentication type was used",
                "[FAILURE] smtp.auth.rejected: the server rejected the credentials (535 5.7.1)", "fix: Check the user name");
    }

    @Test
    void transcriptAnalyze_ourJson_andAMissingFile() throws IOException {
        Run text = run("transcript", "analyze", SEED.toString(), "--print");
        assertThat(text.out()).contains("[redacted: AUTH LOGIN password]").doesNotContain("aXRyZWFsbHl3YXM=");
        Path json = dir.resolve("t.json");
        Files.writeString(json, Json.write(TranscriptJson.data(dev.mailwright.core.smtp.Transcript.parse(Files.readString(SEED)))));

        Run r = run("transcript", "analyze", json.toString(), "--json");
        assertThat(r.out()).startsWith("{\"ok\":false,\"command\":\"transcript analyze\",\"result\":"
                + "{\"failure\":\"smtp.auth.rejected\"");

        Run missing = run("transcript", "analyze", dir.resolve("nope.log").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(missing.err()).contains("Cannot read the transcript", "nope.log");
    }

    @Test
    void diagnostics_bundle_holdsReportTranscriptsAndLogLines() throws IOException {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        g.start();
        try {
            Path log = dir.resolve("inbound.log");
            Files.writeString(log, "first\nsecond\nthird\n");
            Path zip = dir.resolve("support.zip");
            Run r = run("diagnostics", "--settings", settings(g.getSmtp().getPort()).toString(), "--test-email", "admin@example.com",
                    "--transcript", SEED.toString(), "--log", log.toString(), "--log-lines", "2", "--bundle", zip.toString());

            assertThat(r.out()).as(r.err()).startsWith("Support bundle written to " + zip);
            Map<String, String> entries = unzip(zip);
            assertThat(entries.keySet()).containsExactly("index.txt", "report.txt", "report.json", "logs/inbound.log",
                    "transcripts/test-email.txt", "transcripts/transcript-1.txt");
            assertThat(entries.get("report.txt")).contains("== Versions", "mailwright-cli: ", "mailwright.smtp.host = 127.0.0.1",
                    "Validation: valid", "== Last test email (test-email)", "outcome: delivered",
                    "[FAILURE] smtp.auth.rejected");
            assertThat(entries.get("logs/inbound.log")).isEqualTo("second\nthird\n");
            assertThat(entries.get("transcripts/transcript-1.txt")).contains("[redacted: AUTH LOGIN password]");
            assertThat(r.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        } finally {
            g.stop();
        }
    }

    @Test
    void diagnostics_json_withoutSettings() {
        Run r = run("diagnostics", "--json");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("{\"ok\":true,\"command\":\"diagnostics\",\"result\":{\"generatedAt\":")
                .contains("\"mailwright-cli\":", "\"settings\":{}");
    }

    static Map<String, String> unzip(Path zip) throws IOException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                out.put(e.getName(), new String(z.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
