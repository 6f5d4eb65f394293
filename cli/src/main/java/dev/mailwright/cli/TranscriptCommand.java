package dev.mailwright.cli;

import dev.mailwright.core.MailwrightException;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.smtp.transcript.Diagnosis;
import dev.mailwright.smtp.transcript.TranscriptAnalyzer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailwright transcript analyze FILE [--json]}: analyses a saved SMTP transcript, in the
 * seed's format (a GitHub Enterprise unicorn.log excerpt), Mailwright's text or JSON, or the whole
 * printed output of {@code test-email} (text or JSON), and prints the findings in order. Exits
 * {@value ExitCodes#CHECK_FAILED} when it shows a failure.
 */
@Command(name = "transcript", mixinStandardHelpOptions = true, description = "Analyse a saved SMTP transcript.")
final class TranscriptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "analyze", mixinStandardHelpOptions = true,
            description = "Explain a transcript: what happened, what failed and what to change.")
    int analyze(@Parameters(paramLabel = "FILE",
                    description = "The transcript: seed format, Mailwright's text or JSON, or the printed output of test-email.")
            Path file,
            @Option(names = "--json", description = "Print the findings as JSON.") boolean json,
            @Option(names = "--print", description = "Also print the transcript, redacted.") boolean print) {
        Transcript t = read(file);
        Diagnosis d = TranscriptAnalyzer.standard().analyze(t);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            CommandSpec analyze = spec.subcommands().get("analyze").getCommandSpec();
            Output.print(analyze, !d.failed(), Render.data(d), Output.problems(d.findings()));
        } else {
            out.print(Render.text(d));
            if (print) {
                out.println();
                out.print(t.toText());
            }
        }
        out.flush();
        return d.failed() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    static Transcript read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MailwrightException("Cannot read the transcript " + file + ": " + e.getMessage()
                    + ". Check that the file exists and is UTF-8 text.", e);
        }
        return text.strip().startsWith("{") ? TranscriptJson.parse(text) : Transcript.parse(text);
    }
}
