package dev.mailwright.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for one test run: {@code initdb} in a temporary directory under
 * {@code /tmp}, the server on 127.0.0.1 and a free port (password authentication), its socket in
 * that directory (trusted, for {@link #sql}), fsync on.
 * As root (CI), initdb and the server run as the {@code postgres} user, which the Debian package
 * creates. A missing PostgreSQL fails the test with what to install; it never skips. Users:
 * databases from {@link #createDatabase(String)}, {@link #restart()} for fault tests, {@link #close()}
 * stops the server and deletes the directory.
 */
public final class PostgresCluster implements AutoCloseable {
    /** The superuser the tests connect as. */
    public static final String USER = "test";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String password;
    private final boolean root;
    private final Thread cleanup = new Thread(this::stopAndDelete, "postgres-cluster-cleanup");

    private PostgresCluster(Path bin, Path dir, int port, String password) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.root = "root".equals(System.getProperty("user.name"));
    }

    /** @return a started cluster; close it */
    public static PostgresCluster start() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "mailwright-pg-");
            String password = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), 0, 12);
            PostgresCluster c = new PostgresCluster(bin, dir, Peers.freePort(), password);
            c.init();
            c.startServer();
            Runtime.getRuntime().addShutdownHook(c.cleanup);
            return c;
        } catch (IOException e) {
            throw new AssertionError("cannot prepare a PostgreSQL cluster: " + e, e);
        }
    }

    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path best = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> parse(v.getFileName().toString()))).orElse(null);
                if (best != null) {
                    return best.resolve("bin");
                }
            } catch (IOException e) {
                throw new AssertionError("cannot list " + root + ": " + e, e);
            }
        }
        throw new AssertionError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Run `sudo"
                + " scripts/install-peers.sh` (it installs the Debian package 'postgresql-15') and run the tests again.");
    }

    private static int parse(String version) {
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void init() throws IOException {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, password + "\n");
        if (root) {
            UserPrincipal pg = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, pg);
            Files.setOwner(pw, pg);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                "--pwfile=" + pw, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), 120);
    }

    private void startServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"), 90);
    }

    /** Stops the server (fast: open connections are cut). */
    public void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60",
                "stop"), 90);
    }

    /** Stops and starts the server on the same port: every open connection breaks. */
    public void restart() {
        stop();
        startServer();
    }

    /** Starts a stopped server again. */
    public void startAgain() {
        startServer();
    }

    /**
     * @param name a new database's name (letters, digits, underscores)
     * @return its JDBC URL (without credentials)
     */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name " + name + " must be lower-case letters, digits and _");
        }
        sql("postgres", "CREATE DATABASE " + name);
        return jdbcUrl(name);
    }

    /**
     * Runs SQL with {@code psql} over the cluster's private Unix socket (trusted: only the
     * {@code postgres} user and root can reach that directory).
     *
     * @param database the database
     * @param sql one or more statements
     */
    public void sql(String database, String sql) {
        run(List.of(bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(), "-p",
                String.valueOf(port), "-U", USER, "-d", database, "-c", sql), 60);
    }

    /** @param database a database name @return its JDBC URL (without credentials) */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** @return the superuser's password */
    public String password() {
        return password;
    }

    /** @return the server's port */
    public int port() {
        return port;
    }

    /** @return the server's log so far */
    public String log() {
        try {
            return Files.readString(dir.resolve("log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void run(List<String> command, int timeoutSeconds) {
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(Arrays.asList(Peers.require("runuser", "util-linux").toString(), "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        try {
            Path out = Files.createTempFile("pg-cmd-", ".log");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            String output = Files.readString(out);
            Files.deleteIfExists(out);
            if (!done) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s:\n" + output);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed with exit code " + p.exitValue() + ":\n" + output
                        + "\nserver log:\n" + log());
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + cmd, e);
        }
    }

    private void stopQuietly() {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                stop();
            }
        } catch (AssertionError e) {
            System.err.println("stopping the test PostgreSQL cluster failed: " + e.getMessage());
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already
        }
        stopAndDelete();
    }

    /** Also what a JVM that never closed its cluster (a shared one) does when it exits. */
    private void stopAndDelete() {
        stopQuietly();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "PostgresCluster[127.0.0.1:" + port + ", " + dir + "]";
    }
}
