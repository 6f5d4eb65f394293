package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.RecipientStatus;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.SmtpReply;
import dev.mailwright.smtp.spi.MailTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--settings", required = true, paramLabel = "FILE", description = "email settings (.properties)")
    Path settingsFile;

    @Option(names = "--notification", required = true, paramLabel = "FILE.json", description = "the notification as JSON")
    Path notificationFile;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "reply-address keys (default: the environment variable " + KeyRing.ENV_VARIABLE + ")")
    Path keyFile;

    @Option(names = "--transport", paramLabel = "URI",
            description = "smtp://, smtps://, memory: or pickup:/dir (default: SMTP per the settings)")
    String transport;

    @Option(names = "--trust-pem", paramLabel = "FILE", description = "trust these PEM certificates for the SMTP server")
    Path trustPem;

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
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(toMap(result, via)) + "\n" : text(result, via));
        out.flush();
        return result.isSent() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private MailTransport openTransport(EmailSettings settings) {
        return CliTransports.open(transport, trustPem, settings, 1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the notification file " + file + ": " + e.getMessage());
        }
    }

    static String text(SendResult result, String via) {
        StringBuilder out = new StringBuilder();
        if (result instanceof SendResult.Sent s) {
            out.append("sent ").append(s.messageId()).append(" via ").append(via).append('\n');
            recipients(out, s.recipients());
            if (s.finalReply() != null) {
                out.append("  server: ").append(s.finalReply()).append('\n');
            }
            s.queue().ifPresent(q -> out.append("  queue id: ").append(q).append('\n'));
        } else if (result instanceof SendResult.Failed f) {
            out.append("FAILED ").append(f.messageId()).append(" via ").append(via).append(": ").append(f.category()).append('\n');
            recipients(out, f.recipients());
            f.serverReply().ifPresent(r -> out.append("  server: ").append(r).append('\n'));
            out.append("  detail: ").append(f.detail()).append('\n');
            out.append("  what to do: ").append(f.category().remedy()).append('\n');
        }
        out.append("  attempts: ").append(result.attempts()).append('\n');
        return out.toString();
    }

    private static void recipients(StringBuilder out, List<RecipientStatus> recipients) {
        for (RecipientStatus r : recipients) {
            out.append("  recipient ").append(r.address()).append(": ").append(r.accepted() ? "accepted" : "REJECTED");
            if (r.reply() != null) {
                out.append(" (").append(r.reply()).append(')');
            }
            out.append('\n');
        }
    }

    static Map<String, Object> toMap(SendResult result, String via) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", result.isSent() ? "sent" : "failed");
        m.put("messageId", result.messageId());
        m.put("transport", via);
        m.put("attempts", result.attempts());
        m.put("recipients", result.recipients().stream().map(r -> {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("address", r.address());
            rm.put("accepted", r.accepted());
            rm.put("reply", reply(r.reply()));
            return (Object) rm;
        }).toList());
        if (result instanceof SendResult.Sent s) {
            m.put("finalReply", reply(s.finalReply()));
            m.put("queueId", s.queueId());
        } else if (result instanceof SendResult.Failed f) {
            m.put("category", f.category().name());
            m.put("transient", f.category().isTransient());
            m.put("reply", reply(f.reply()));
            m.put("detail", f.detail());
            m.put("remedy", f.category().remedy());
        }
        return m;
    }

    private static Object reply(SmtpReply r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", r.code());
        m.put("enhancedStatus", r.enhancedStatus());
        m.put("text", r.text());
        return m;
    }
}
