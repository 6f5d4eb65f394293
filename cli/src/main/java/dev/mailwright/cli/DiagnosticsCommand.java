package dev.mailwright.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailwright diagnostics}: Print the diagnostics report or write a support bundle. */
@Command(name = "diagnostics", mixinStandardHelpOptions = true, description = "Print the diagnostics report or write a support bundle.")
final class DiagnosticsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mailwright diagnostics is not implemented yet");
        return ExitCodes.ERROR;
    }
}
