package dev.mailwright.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailwright notify}: Send one notification and print the result. */
@Command(name = "notify", mixinStandardHelpOptions = true, description = "Send one notification and print the result.")
final class NotifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mailwright notify is not implemented yet");
        return ExitCodes.ERROR;
    }
}
