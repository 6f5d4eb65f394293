package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.testing.PostgresCluster;
import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.Outbox;
import dev.mailwright.outbox.OutboxStores;
import dev.mailwright.outbox.RetrySchedule;
import dev.mailwright.outbox.testsupport.Await;
import dev.mailwright.outbox.testsupport.Fixtures;
import dev.mailwright.outbox.testsupport.ScriptedRelay;
import dev.mailwright.outbox.testsupport.TestDatabases;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mailwright outbox}: status, list, retry, purge and worker on the embedded store and on PostgreSQL. */
class OutboxCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private Path settings(int port) throws IOException {
        return Files.writeString(dir.resolve("settings.properties"), String.join("\n", "mailwright.smtp.host=127.0.0.1",
                "mailwright.smtp.port=" + port, "mailwright.smtp.security=none",
                "mailwright.noreply-address=noreply@ghe.example.com", "mailwright.hostname=ghe.example.com", ""));
    }

    @Test
    void embedded_statusListRetryPurgeAndWorker() throws Exception {
        Path store = dir.resolve("outbox");
        try (ScriptedRelay relay = ScriptedRelay.stopped()) {
            try (Outbox o = Outbox.builder().store(OutboxStores.embedded(store)).mailer(Fixtures.mailer(relay.port())).workers(2)
                    .pollInterval(Duration.ofMillis(20))
                    .retry(new RetrySchedule(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(300))).build().start()) {
                for (int i = 0; i < 3; i++) {
                    o.enqueue(Fixtures.notification(i, "example.com"));
                }
                Await.until(Duration.ofSeconds(30), () -> o.admin().status().count(EntryState.DEAD) == 3, () -> "3 dead");
            }
            try (Outbox o = Outbox.builder().store(OutboxStores.embedded(store)).mailer(Fixtures.mailer(relay.port())).workers(0)
                    .build()) {
                o.enqueue(Fixtures.notification(3, "example.com"), "kept-for-later");
                assertThat(o.admin().list(EntryFilter.of(EntryState.QUEUED), 5)).hasSize(1);
            }

            assertThat(run("outbox", "status", "--store", store.toString(), "--json")).isZero();
            assertThat(out.toString()).startsWith("{\"ok\":true,\"command\":\"outbox status\",\"result\":{")
                    .contains("\"counts\":{\"queued\":1,\"leased\":0,\"sent\":0,\"failed\":0,\"dead\":3}");
            assertThat(run("outbox", "list", "--store", store.toString())).isZero();
            assertThat(out.toString()).contains("dead   attempts=").contains("last failure: CONNECTION_REFUSED")
                    .contains("3 entries");
            assertThat(run("outbox", "list", "--store", store.toString(), "--state", "queued", "--json")).isZero();
            assertThat(out.toString()).contains("\"idempotencyKey\":\"kept-for-later\"").contains("\"state\":\"queued\"");

            assertThat(run("outbox", "purge", "--store", store.toString(), "--id", "1")).isZero();
            assertThat(out.toString()).contains("1 entry purged");
            assertThat(run("outbox", "retry", "--store", store.toString(), "--json")).isZero();
            assertThat(out.toString()).contains("\"retried\":2");

            relay.startServer();
            assertThat(run("outbox", "worker", "--store", store.toString(), "--settings", settings(relay.port()).toString(),
                    "--until-empty", "--progress", "1s")).as(err::toString).isZero();
            assertThat(out.toString()).contains("worker stopped: sent 3, deferred 0, failed 0, dead 0; queued 0, leased 0");
            assertThat(relay.distinct()).isEqualTo(3);
        }
    }

    @Test
    void aLongRetry_printsAProgressLine() {
        Path store = dir.resolve("many");
        try (ScriptedRelay relay = ScriptedRelay.start().reply("gone.example", "550 5.1.1 no such user")) {
            try (Outbox o = Outbox.builder().store(OutboxStores.embedded(store)).mailer(Fixtures.mailer(relay.port())).workers(4)
                    .pollInterval(Duration.ofMillis(20)).build().start()) {
                for (int i = 0; i < 1200; i++) {
                    o.enqueue(Fixtures.notification(i, "gone.example"));
                }
                Await.until(Duration.ofSeconds(60), () -> o.admin().status().count(EntryState.FAILED) == 1200, () -> "1200 failed");
            }
        }
        assertThat(run("outbox", "retry", "--store", store.toString(), "--state", "failed")).isZero();
        assertThat(err.toString()).contains("outbox retry: 1000 queued again so far...");
        assertThat(out.toString()).contains("1200 entries queued again");
    }

    @Test
    void credentialsInTheJdbcUrl_areRefused_beforeAnyConnection() {
        assertThat(run("outbox", "status", "--jdbc-url", "jdbc:postgresql://db.example.com/forge?user=app&password=hunter2"))
                .isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("MAILWRIGHT_JDBC_PASSWORD").doesNotContain("hunter2");
        assertThat(run("outbox", "status", "--jdbc-url", "jdbc:mysql://db/x")).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("not a PostgreSQL JDBC URL");
        assertThat(run("outbox", "status")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void postgres_migrateWorkerAndStatus_withCredentialsFromTheEnvironment() throws Exception {
        PostgresCluster cluster = TestDatabases.cluster();
        String url = cluster.createDatabase("cli");
        try (ScriptedRelay relay = ScriptedRelay.start()) {
            assertThat(cli(cluster, "outbox", "migrate", "--jdbc-url", url)).contains("schema up to date in " + url);
            try (var db = TestDatabases.pool(cluster, url, 2);
                 Outbox o = Outbox.builder().store(OutboxStores.postgres(db)).mailer(Fixtures.mailer(relay.port())).workers(0).build()) {
                for (int i = 0; i < 5; i++) {
                    o.enqueue(Fixtures.notification(i, "example.com"));
                }
            }
            String worker = cli(cluster, "outbox", "worker", "--jdbc-url", url, "--settings", settings(relay.port()).toString(),
                    "--until-empty", "--json");
            assertThat(worker).contains("\"sent\":5").contains("\"final\":true");
            assertThat(cli(cluster, "outbox", "status", "--jdbc-url", url, "--json")).contains("\"sent\":5");
            assertThat(relay.distinct()).isEqualTo(5);
        }
    }

    /** Runs the command in its own JVM, with the database's credentials in its environment only. */
    private static String cli(PostgresCluster cluster, String... args) throws Exception {
        Path log = Files.createTempFile("cli-", ".log");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MAILWRIGHT_JDBC_USER", PostgresCluster.USER);
        pb.environment().put("MAILWRIGHT_JDBC_PASSWORD", cluster.password());
        Process p = pb.start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String output = Files.readString(log);
        Files.delete(log);
        assertThat(done).as("finished: " + output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain(cluster.password());
        return output;
    }
}
