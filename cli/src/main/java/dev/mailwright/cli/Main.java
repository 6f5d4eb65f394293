package dev.mailwright.cli;

import dev.mailwright.core.MailwrightException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mailwright} command. Exit codes: {@value ExitCodes#OK} success,
 * {@value ExitCodes#CHECK_FAILED} a check failed (invalid settings, forged address, delivery
 * failed, a DNS check failed), {@value ExitCodes#USAGE} wrong usage, {@value ExitCodes#ERROR} an
 * error prevented the check (a file that cannot be read).
 */
@Command(name = "mailwright", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The email side of notifications: settings, reply addresses, sending, the outbox, transcripts, inbound replies, DNS.",
        subcommands = {
            SettingsCommand.class,
            AddressCommand.class,
            NotifyCommand.class,
            TestEmailCommand.class,
            TranscriptCommand.class,
            DiagnosticsCommand.class,
            InboundCommand.class,
            OutboxCommand.class,
            ReplyTextCommand.class,
            DnsCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** @return a command line with Mailwright's error handling, for {@code main} and for tests */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof MailwrightException || ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return ExitCodes.ERROR;
            }
            throw ex;
        });
        cl.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.ERROR);
        return cl;
    }

    /** @param args the command line */
    public static void main(String[] args) {
        CommandLine cl = commandLine();
        // UTF-8 whatever the locale: with LANG=C (cron, systemd, containers) Java would print every
        // non-ASCII character of a reply or a JSON line as '?', which loses it; JSON is UTF-8 anyway
        cl.setOut(utf8(java.io.FileDescriptor.out));
        cl.setErr(utf8(java.io.FileDescriptor.err));
        System.exit(cl.execute(args));
    }

    private static java.io.PrintWriter utf8(java.io.FileDescriptor fd) {
        return new java.io.PrintWriter(new java.io.OutputStreamWriter(new java.io.FileOutputStream(fd),
                java.nio.charset.StandardCharsets.UTF_8), true);
    }
}
