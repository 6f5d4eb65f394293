package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.smtp.testmail.EmailSettingsTester;
import dev.mailwright.smtp.testmail.TestEmailResult;
import dev.mailwright.smtp.transcript.TranscriptOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailwright test-email --settings FILE --to ADDRESS [--json] [--keep-body]}: sends a test
 * email with the settings in FILE (not saved anywhere) and prints the outcome, the findings and the
 * redacted SMTP transcript. Exits {@value ExitCodes#CHECK_FAILED} when delivery failed.
 */
@Command(name = "test-email", mixinStandardHelpOptions = true,
        description = "Send a test email and explain the outcome with the SMTP transcript.")
final class TestEmailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--settings", required = true, paramLabel = "FILE", description = "Settings properties file (not saved).")
    Path settings;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "Recipient of the test email.")
    String to;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--keep-body", description = "Keep the message body in the transcript (headers are always kept).")
    boolean keepBody;

    @Override
    public Integer call() {
        EmailSettings s = SettingsLoader.fromFile(settings);
        TestEmailResult r = EmailSettingsTester.builder()
                .transcriptOptions(TranscriptOptions.defaults().withKeepBody(keepBody)).build().send(s, to);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? r.toJson() : r.render());
        out.flush();
        return r.delivered() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
