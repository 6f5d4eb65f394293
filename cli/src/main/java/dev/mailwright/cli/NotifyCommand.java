package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.spi.MailTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailwright notify}: send one notification and print the result. */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = {"Send one notification and print the result (exit 0 sent, 1 refused or failed).",
            "The notification file is JSON; see docs/sending.md for its fields."})
final class NotifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--settings", required = true, paramLabel = "FILE", description = "The email settings (.properties).")
    Path settingsFile;

    @Option(names = "--notification", required = true, paramLabel = "FILE.json", description = "The notification as JSON.")
    Path notificationFile;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "The reply-address keys (default: the environment variable " + KeyRing.ENV_VARIABLE + ").")
    Path keyFile;

    @Option(names = "--transport", paramLabel = "URI",
            description = "smtp://, smtps://, memory: or pickup:/dir (default: SMTP per the settings).")
    String transport;

    @Mixin
    TrustOptions trust;

    @Override
    public Integer call() throws IOException {
        EmailSettings settings = SettingsLoader.fromFile(settingsFile).requireValid();
        Notification notification = NotifyNotificationFile.read(read(notificationFile));
        KeyRing keys = keyFile != null ? KeyRing.fromFile(keyFile) : KeyRing.fromEnvironment(System.getenv());
        SendResult result;
        String via;
        try (NotificationMailer mailer = NotificationMailer.builder().settings(settings).keyRing(keys)
                .transport(openTransport(settings)).build()) {
            via = mailer.transportDescription();
            result = mailer.send(notification);
        }
        if (json) {
            Output.print(spec, result.isSent(), Render.data(result, via), result instanceof SendResult.Failed f
                    ? List.of(Output.problem(f.failure().code(), f.failure().description() + ": " + f.detail(), f.remedy()))
                    : List.of());
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(Render.text(result, via));
            out.flush();
        }
        return result.isSent() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private MailTransport openTransport(EmailSettings settings) {
        return CliTransports.open(transport, trust.trustPem, settings, 1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the notification file " + file + ": " + e.getMessage());
        }
    }
}
