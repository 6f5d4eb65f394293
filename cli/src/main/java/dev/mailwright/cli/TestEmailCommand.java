package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.MailwrightException;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.core.smtp.TranscriptOptions;
import dev.mailwright.smtp.testmail.EmailSettingsTester;
import dev.mailwright.smtp.testmail.TestEmailResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailwright test-email --settings FILE --to ADDRESS [--trust-pem FILE] [--transcript-out FILE]
 * [--json] [--keep-body]}: sends a test email with the settings in FILE (not saved anywhere) and
 * prints the outcome, the findings and the redacted SMTP transcript. Exits
 * {@value ExitCodes#CHECK_FAILED} when delivery failed.
 */
@Command(name = "test-email", mixinStandardHelpOptions = true,
        description = "Send a test email and explain the outcome with the SMTP transcript.")
final class TestEmailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--settings", required = true, paramLabel = "FILE", description = "The settings properties file (not saved).")
    Path settings;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "The recipient of the test email.")
    String to;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--keep-body", description = "Keep the message body in the transcript (headers are always kept).")
    boolean keepBody;

    @Option(names = "--transcript-out", paramLabel = "FILE",
            description = "Also save the redacted transcript to FILE, for `mailwright transcript analyze` or a support request.")
    Path transcriptOut;

    @Mixin
    TrustOptions trust;

    @Override
    public Integer call() {
        EmailSettings s = SettingsLoader.fromFile(settings);
        TestEmailResult r = send(s, to, trust, TranscriptOptions.defaults().withKeepBody(keepBody));
        if (transcriptOut != null) {
            save(transcriptOut, r.transcript().toText());
        }
        if (json) {
            Output.print(spec, r.delivered(), Render.data(r), Output.problems(r.findings()));
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.println(Render.text(r));
            out.flush();
        }
        return r.delivered() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** Sends the test email trusting what {@code --trust-pem} says, as {@code notify} does. */
    static TestEmailResult send(EmailSettings settings, String to, TrustOptions trust, TranscriptOptions options) {
        return EmailSettingsTester.builder().sslSocketFactory(trust.socketFactory()).transcriptOptions(options).build()
                .send(settings, to);
    }

    private static void save(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MailwrightException("Cannot save the transcript to " + file + ": " + e.getMessage()
                    + ". Check that the directory exists and is writable.", e);
        }
    }
}
