package dev.mailwright.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailwright inbound}: Run the incoming-mail pipeline on a maildir or an SMTP listener. */
@Command(name = "inbound", mixinStandardHelpOptions = true, description = "Run the incoming-mail pipeline on a maildir or an SMTP listener.")
final class InboundCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mailwright inbound is not implemented yet");
        return ExitCodes.ERROR;
    }
}
