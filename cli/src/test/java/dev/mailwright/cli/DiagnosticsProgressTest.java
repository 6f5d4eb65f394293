package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 14: {@code diagnostics --bundle} shows its progress on standard error when it is a terminal, only then. */
class DiagnosticsProgressTest {
    @TempDir
    Path dir;

    @Test
    void bundle_showsEachStepOnStandardError_onlyWhenItIsATerminal() throws Exception {
        Path log = Files.writeString(dir.resolve("mailwright.log"), "one\ntwo\nMAILWRIGHT_SMTP_PASSWORD=hunter2\n");
        Path zip = dir.resolve("support.zip");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine terminal = Main.commandLine(true);
        terminal.setOut(new PrintWriter(out));
        terminal.setErr(new PrintWriter(err));

        int exit = terminal.execute("diagnostics", "--bundle", zip.toString(), "--log", log.toString(), "--log-lines", "10");

        assertThat(exit).as(out + "" + err).isZero();
        assertThat(err.toString()).contains("\rcollecting the diagnostics of every module…",
                "\rreading the last 10 lines of mailwright.log…", "\rwriting support.zip…").endsWith("\r");
        assertThat(out.toString()).startsWith("Support bundle written to " + zip);
        assertThat(TranscriptCommandsTest.unzip(zip).get("logs/mailwright.log")).contains("two").doesNotContain("hunter2");

        Files.delete(zip);
        CliRunner.Result notTerminal = CliRunner.run("diagnostics", "--bundle", zip.toString(), "--log", log.toString());
        assertThat(notTerminal.exitCode()).isZero();
        assertThat(notTerminal.err()).doesNotContain("collecting", "writing");
        assertThat(zip).exists();
    }
}
