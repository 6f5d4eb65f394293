package dev.mailwright.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailwright test-email}: Send a test email and explain the outcome with the SMTP transcript. */
@Command(name = "test-email", mixinStandardHelpOptions = true, description = "Send a test email and explain the outcome with the SMTP transcript.")
final class TestEmailCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mailwright test-email is not implemented yet");
        return ExitCodes.ERROR;
    }
}
