package dev.mailwright.cli;

import dev.mailwright.core.suppression.SuppressionEntry;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.core.suppression.SuppressionStores;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailwright suppression}: list and lift the addresses that notifications no longer go to. */
@Command(name = "suppression", mixinStandardHelpOptions = true,
        description = "List and lift suppressed addresses (bounced or complained); safe while the host runs.",
        subcommands = {SuppressionCommand.ListCommand.class, SuppressionCommand.Lift.class})
final class SuppressionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The store both subcommands open. */
    static final class StoreOption {
        @Option(names = "--file", required = true, paramLabel = "F",
                description = "The suppression file the host uses (SuppressionStores.file).")
        Path file;

        SuppressionList open() {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no suppression file at " + file
                        + ": give the path the host passes to SuppressionStores.file(...)");
            }
            return SuppressionList.builder().store(SuppressionStores.file(file)).build();
        }
    }

    /** {@code mailwright suppression list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print the suppressed addresses, with their score and the last bounce; --all adds the scored ones.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        StoreOption store = new StoreOption();

        @Option(names = "--all", description = "Also list the addresses that have a score but are not suppressed.")
        boolean all;

        @Option(names = "--json", description = "Print the entries as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<SuppressionEntry> entries;
            try (SuppressionList list = store.open()) {
                entries = all ? list.entries() : list.suppressed();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Object> docs = new ArrayList<>();
                entries.forEach(e -> docs.add(doc(e)));
                Output.print(spec, true, docs, List.of());
                return ExitCodes.OK;
            } else if (entries.isEmpty()) {
                out.println(all ? "no address has a bounce score" : "no address is suppressed");
            } else {
                entries.forEach(e -> out.println(line(e)));
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static String line(SuppressionEntry e) {
            return e.address() + "  " + (e.isSuppressed() ? "suppressed since " + e.suppressedAt() : "not suppressed")
                    + "  score " + e.score() + " (hard " + e.hardBounces() + ", soft " + e.softBounces() + ", complaints "
                    + e.complaints() + ")" + (e.lastDetail().isEmpty() ? "" : "  last: " + e.lastDetail());
        }

        private static Map<String, Object> doc(SuppressionEntry e) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("address", e.address());
            d.put("suppressed", e.isSuppressed());
            d.put("suppressedAt", text(e.suppressedAt()));
            d.put("score", (long) e.score());
            d.put("hardBounces", (long) e.hardBounces());
            d.put("softBounces", (long) e.softBounces());
            d.put("complaints", (long) e.complaints());
            d.put("lastEventAt", text(e.lastEventAt()));
            d.put("lastProblem", e.lastProblem() == null ? null : Output.value(e.lastProblem()));
            d.put("lastDetail", e.lastDetail());
            return d;
        }

        private static String text(Instant i) {
            return i == null ? null : i.toString();
        }
    }

    /** {@code mailwright suppression lift}. */
    @Command(name = "lift", mixinStandardHelpOptions = true,
            description = {"Lift the suppression of an address and forget its score (after the user confirmed it).",
                "Exit code 1 when the list does not know the address."})
    static final class Lift implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        StoreOption store = new StoreOption();

        @Parameters(paramLabel = "ADDRESS", description = "The address to lift.")
        String address;

        @Option(names = "--json", description = "Print the outcome as JSON.")
        boolean json;

        @Override
        public Integer call() {
            boolean lifted;
            try (SuppressionList list = store.open()) {
                lifted = list.lift(address);
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("address", address.strip().toLowerCase(java.util.Locale.ROOT));
                doc.put("lifted", lifted);
                Output.print(spec, lifted, doc, lifted ? List.of()
                        : List.of(Output.problem("suppression.unknown-address", "not in the suppression list: " + address,
                                "check the address; nothing was changed")));
                return lifted ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(lifted ? "lifted: " + address.strip().toLowerCase(java.util.Locale.ROOT)
                    : "not in the suppression list: " + address);
            out.flush();
            return lifted ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }
}
