package dev.mailwright.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mailwright outbox}: the outbox's status, its entries and dead letters, and a worker node,
 * on the embedded store ({@code --store DIR}) or PostgreSQL ({@code --jdbc-url}).
 */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = {"Look into the outbox, retry or purge its dead letters, run a worker node, apply its schema.",
            "The store is --store DIR (the embedded store) or --jdbc-url URL (PostgreSQL); the database user and password"
                    + " come from the environment variables " + OutboxOptions.USER_ENV + " and " + OutboxOptions.PASSWORD_ENV
                    + ", never from the command line."},
        subcommands = {OutboxStatusCommand.class, OutboxListCommand.class, OutboxRetryCommand.class,
            OutboxPurgeCommand.class, OutboxWorkerCommand.class, OutboxMigrateCommand.class})
final class OutboxCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
