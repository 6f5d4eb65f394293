package dev.mailwright.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailwright outbox migrate}: create or upgrade the outbox's tables. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Create or upgrade the outbox's tables (PostgreSQL; the embedded store does it itself).",
            "Hosts that use Flyway or Liquibase apply classpath:db/mailwright-postgresql with it instead."})
final class OutboxMigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutboxOptions options;

    @Override
    public Integer call() {
        try (OutboxOptions.Opened opened = options.open(System.getenv(), 1)) {
            opened.store().migrate();
            PrintWriter out = spec.commandLine().getOut();
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("store", opened.store().describe());
            m.put("migrated", true);
            if (options.json) {
                Output.print(spec, true, m, java.util.List.of());
                return ExitCodes.OK;
            }
            out.println("schema up to date in " + opened.store().describe());
            out.flush();
            return ExitCodes.OK;
        }
    }
}
