package dev.mailwright.cli;

import dev.mailwright.core.MailwrightException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code mailwright} command. Exit codes: {@value ExitCodes#OK} success,
 * {@value ExitCodes#CHECK_FAILED} a check failed (invalid settings, forged address, delivery
 * failed, a DNS check failed), {@value ExitCodes#USAGE} wrong usage (an unknown command or option,
 * even with {@code --help}), {@value ExitCodes#ERROR} an error prevented the check (a file that
 * cannot be read). With {@code --json}, every outcome, errors included, is one JSON envelope on
 * standard output ({@link Output}).
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
            SuppressionCommand.class,
            DemoCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final boolean progress;

    private Main(boolean progress) {
        this.progress = progress;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** @return whether long work shows its progress on standard error */
    boolean progressOnStderr() {
        return progress;
    }

    /** @return a command line with Mailwright's error handling, for {@code main} and for tests */
    public static CommandLine commandLine() {
        return commandLine(Progress.stderrIsTerminal());
    }

    /**
     * @param progress show the progress of long work on standard error (true when it is a terminal)
     * @return a command line with Mailwright's error handling
     */
    static CommandLine commandLine(boolean progress) {
        CommandLine cl = new CommandLine(new Main(progress));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(Main::execute);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof MailwrightException || ex instanceof IllegalArgumentException) {
                report(commandLine, "error", ex.getMessage());
                return ExitCodes.ERROR;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            if (wantsJson(failed, args)) {
                report(failed, "usage", ex.getMessage());
            } else {
                failed.getErr().println(ex.getMessage());
                if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, failed.getErr())) {
                    failed.usage(failed.getErr());
                }
            }
            return ExitCodes.USAGE;
        });
        cl.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.ERROR);
        return cl;
    }

    /** An unknown command or argument is a usage error even when {@code --help} follows it. */
    private static int execute(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    private static boolean wantsJson(CommandLine commandLine, String[] args) {
        return commandLine.getCommandSpec().findOption("--json") != null && List.of(args).contains("--json");
    }

    /** Reports an error that stopped a command: one JSON envelope on standard output with --json, else on standard error. */
    private static void report(CommandLine commandLine, String code, String message) {
        CommandLine.ParseResult parsed = commandLine.getParseResult();
        boolean json = parsed != null && commandLine.getCommandSpec().findOption("--json") != null
                && parsed.hasMatchedOption("--json");
        if (json || code.equals("usage")) {
            PrintWriter out = commandLine.getOut();
            out.println(Json.write(Output.envelope(Output.commandName(commandLine.getCommandSpec()), false, null,
                    List.of(Output.problem(code, message, "")))));
            out.flush();
        } else {
            commandLine.getErr().println("error: " + message);
        }
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
