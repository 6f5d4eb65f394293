package dev.mailwright.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailwright dns}: Check DNS records and port 25, or print the records to create. */
@Command(name = "dns", mixinStandardHelpOptions = true, description = "Check DNS records and port 25, or print the records to create.")
final class DnsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mailwright dns is not implemented yet");
        return ExitCodes.ERROR;
    }
}
