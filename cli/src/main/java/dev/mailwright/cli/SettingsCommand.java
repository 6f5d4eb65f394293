package dev.mailwright.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailwright settings}: Validate email settings files. */
@Command(name = "settings", mixinStandardHelpOptions = true, description = "Validate email settings files.")
final class SettingsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mailwright settings is not implemented yet");
        return ExitCodes.ERROR;
    }
}
