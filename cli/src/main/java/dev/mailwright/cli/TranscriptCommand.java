package dev.mailwright.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailwright transcript}: Analyse a saved SMTP transcript. */
@Command(name = "transcript", mixinStandardHelpOptions = true, description = "Analyse a saved SMTP transcript.")
final class TranscriptCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mailwright transcript is not implemented yet");
        return ExitCodes.ERROR;
    }
}
