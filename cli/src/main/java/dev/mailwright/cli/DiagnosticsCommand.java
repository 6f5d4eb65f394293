package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.core.diagnostics.DiagnosticsReport;
import dev.mailwright.core.diagnostics.ReportRenderer;
import dev.mailwright.core.diagnostics.SupportBundle;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptOptions;
import dev.mailwright.smtp.testmail.TestEmailResult;
import dev.mailwright.smtp.transcript.TranscriptAnalyzer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mailwright diagnostics [--settings FILE] [--test-email ADDRESS] [--trust-pem FILE]
 * [--transcript FILE]... [--log FILE]... [--bundle FILE.zip] [--json]}: prints the diagnostics report (versions, the
 * settings with secrets redacted and their validation, the test email's findings, analysed
 * transcripts, and every contributed section) or writes it with the transcripts and the last log
 * lines into a support bundle. Exits {@value ExitCodes#CHECK_FAILED} when the report has failures.
 */
@Command(name = "diagnostics", mixinStandardHelpOptions = true,
        description = "Print the diagnostics report or write a support bundle.")
final class DiagnosticsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--settings", paramLabel = "FILE", description = "Settings properties file to report on.")
    Path settings;

    @Option(names = "--test-email", paramLabel = "ADDRESS", description = "Send a test email first and include its result (needs --settings).")
    String testEmail;

    @Option(names = "--transcript", paramLabel = "FILE", description = "A saved transcript to analyse and include (repeatable).")
    List<Path> transcripts = new ArrayList<>();

    @Option(names = "--log", paramLabel = "FILE", description = "A log file whose last lines go into the bundle (repeatable).")
    List<Path> logs = new ArrayList<>();

    @Option(names = "--log-lines", paramLabel = "N", defaultValue = "500", description = "How many last lines of each log (default ${DEFAULT-VALUE}).")
    int logLines;

    @Option(names = "--bundle", paramLabel = "FILE.zip", description = "Write a support bundle zip instead of printing the report.")
    Path bundle;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Mixin
    TrustOptions trust;

    @Override
    public Integer call() {
        if (testEmail != null && settings == null) {
            throw new ParameterException(spec.commandLine(), "--test-email needs --settings FILE");
        }
        Progress progress = Progress.of(spec);
        DiagnosticsReport.Builder report = DiagnosticsReport.builder().serviceLoader(true)
                .version("mailwright-cli", version());
        Map<String, String> transcriptTexts = new LinkedHashMap<>();
        if (settings != null) {
            EmailSettings s = SettingsLoader.fromFile(settings);
            report.settings(s);
            if (testEmail != null) {
                progress.step("sending the test email to " + testEmail + " through " + s.smtpHost().orElse("(no host)") + ":" + s.port() + "…");
                TestEmailResult r = TestEmailCommand.send(s, testEmail, trust, TranscriptOptions.defaults());
                report.section(r.toDiagnosticsSection());
                transcriptTexts.put("test-email", r.transcript().toText());
            }
        }
        int n = 0;
        for (Path file : transcripts) {
            progress.step("analysing " + file.getFileName() + "…");
            Transcript t = TranscriptCommand.read(file);
            String name = "transcript-" + ++n;
            report.section(TranscriptAnalyzer.standard().analyze(t).toDiagnosticsSection(name, "Transcript " + file.getFileName()));
            transcriptTexts.put(name, t.toText());
        }
        progress.step("collecting the diagnostics of every module…");
        DiagnosticsReport r = report.build();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> result = ReportRenderer.data(r);
        if (bundle != null) {
            SupportBundle.Builder b = SupportBundle.builder(r);
            transcriptTexts.forEach(b::transcript);
            for (Path log : logs) {
                progress.step("reading the last " + logLines + " lines of " + log.getFileName() + "…");
                b.logFile(log, logLines);
            }
            SupportBundle built = b.build();
            progress.step("writing " + bundle.getFileName() + "…");
            built.writeTo(bundle);
            progress.done();
            result = new LinkedHashMap<>(Map.of("bundle", bundle.toString(), "entries", built.entryNames()));
            if (!json) {
                out.println("Support bundle written to " + bundle + ": " + String.join(", ", built.entryNames()));
            }
        } else if (!json) {
            progress.done();
            out.println(ReportRenderer.text(r));
        }
        progress.done();
        if (json) {
            Output.print(spec, !r.hasFailures(), result, failures(r));
        }
        out.flush();
        return r.hasFailures() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private static List<Map<String, Object>> failures(DiagnosticsReport r) {
        List<Map<String, Object>> problems = new ArrayList<>();
        r.validation().ifPresent(v -> v.problems().forEach(p -> problems.add(Output.problem("settings." + p.code(),
                p.toString(), ""))));
        r.sections().forEach(s -> problems.addAll(Output.problems(s.findings())));
        return problems;
    }

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
