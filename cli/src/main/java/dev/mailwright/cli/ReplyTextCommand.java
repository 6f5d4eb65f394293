package dev.mailwright.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailwright reply-text}: Print the new text of a reply, without quotes and signature. */
@Command(name = "reply-text", mixinStandardHelpOptions = true, description = "Print the new text of a reply, without quotes and signature.")
final class ReplyTextCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mailwright reply-text is not implemented yet");
        return ExitCodes.ERROR;
    }
}
