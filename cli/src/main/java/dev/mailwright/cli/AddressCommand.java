package dev.mailwright.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mailwright address}: Encode and decode signed reply addresses. */
@Command(name = "address", mixinStandardHelpOptions = true, description = "Encode and decode signed reply addresses.")
final class AddressCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mailwright address is not implemented yet");
        return ExitCodes.ERROR;
    }
}
