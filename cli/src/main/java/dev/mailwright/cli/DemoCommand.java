package dev.mailwright.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailwright demo}: Run the whole story end to end on an embedded default. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the whole story end to end on an embedded default.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mailwright demo is not implemented yet");
        return ExitCodes.ERROR;
    }
}
