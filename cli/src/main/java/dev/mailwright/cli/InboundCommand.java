package dev.mailwright.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code mailwright inbound}: runs the incoming-mail pipeline on a maildir ({@code run}) or behind
 * the embedded SMTP listener ({@code listen}), printing each delivered reply as one JSON line.
 */
@Command(name = "inbound", mixinStandardHelpOptions = true,
        description = "Run the incoming-mail pipeline on a maildir, an IMAP or POP3 mailbox, or an SMTP listener.",
        subcommands = {InboundRunCommand.class, InboundListenCommand.class})
final class InboundCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
