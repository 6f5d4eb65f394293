package dev.mailwright.outbox.testsupport;

import dev.mailwright.core.testing.PostgresCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A {@link WorkerNodeMain} started in its own JVM with the test's class path. */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param cluster the cluster (for the password)
     * @param jdbcUrl the database
     * @param relayPort the relay
     * @param nodeId the node's id
     * @param workers its workers
     * @param lease its lease
     * @return the node, once it printed {@code ready}
     */
    public static NodeProcess start(PostgresCluster cluster, String jdbcUrl, int relayPort, String nodeId, int workers,
            Duration lease) {
        try {
            Path log = Files.createTempFile("outbox-node-", ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    WorkerNodeMain.class.getName(), jdbcUrl, String.valueOf(relayPort), nodeId, String.valueOf(workers),
                    String.valueOf(lease.toMillis()))).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("MAILWRIGHT_JDBC_USER", PostgresCluster.USER);
            pb.environment().put("MAILWRIGHT_JDBC_PASSWORD", cluster.password());
            NodeProcess node = new NodeProcess(pb.start(), log);
            Await.until(Duration.ofSeconds(60), () -> node.output().contains("ready") || !node.process.isAlive(),
                    () -> "node " + nodeId + " ready; output:\n" + node.output());
            if (!node.process.isAlive()) {
                throw new AssertionError("node " + nodeId + " exited: " + node.output());
            }
            return node;
        } catch (IOException e) {
            throw new AssertionError("cannot start a worker node: " + e, e);
        }
    }

    /** @return what the node printed so far */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /** Kills the node with SIGKILL and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the node's process id */
    public long pid() {
        return process.pid();
    }

    /** Stops the node with SIGTERM (a clean close), or kills it after 30 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file
        }
    }
}
