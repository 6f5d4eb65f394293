package dev.mailwright.dns.testing;

import dev.mailwright.core.testing.Peers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real Knot DNS server ({@code knotd}) on 127.0.0.1 at a free port, with a temporary rundir and
 * storage, serving the zones it was given (some of them signed with DNSSEC by Knot itself).
 * Close it to stop the server and delete its files.
 */
public final class KnotServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Peers.PeerProcess process;

    private KnotServer(Path dir, int port, Peers.PeerProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts knotd and waits until every zone answers its SOA.
     *
     * @param zones zone name to zone-file text
     * @param signed the zones Knot signs (ECDSA P-256)
     * @return the running server
     */
    public static KnotServer start(Map<String, String> zones, Set<String> signed) {
        Path knotd = Peers.require("knotd", "knot");
        try {
            Path dir = Files.createTempDirectory("knot-test-");
            Files.createDirectories(dir.resolve("db"));
            int port = Peers.freePort();
            StringBuilder conf = new StringBuilder();
            conf.append("server:\n    listen: 127.0.0.1@").append(port).append("\n    rundir: ").append(dir).append('\n')
                    .append("log:\n  - target: stderr\n    any: warning\n")
                    .append("database:\n    storage: ").append(dir.resolve("db")).append("\n    kasp-db: ")
                    .append(dir.resolve("db/kasp")).append('\n')
                    .append("policy:\n  - id: ecdsa\n    algorithm: ecdsap256sha256\n")
                    .append("template:\n  - id: default\n    storage: ").append(dir)
                    .append("\n    zonefile-sync: -1\n    zonefile-load: whole\n    journal-content: none\n")
                    .append("zone:\n");
            for (Map.Entry<String, String> z : zones.entrySet()) {
                Files.writeString(dir.resolve(z.getKey() + ".zone"), z.getValue(), StandardCharsets.UTF_8);
                conf.append("  - domain: ").append(z.getKey()).append("\n    file: ").append(z.getKey()).append(".zone\n");
                if (signed.contains(z.getKey())) {
                    conf.append("    dnssec-signing: on\n    dnssec-policy: ecdsa\n");
                }
            }
            Path confFile = dir.resolve("knot.conf");
            Files.writeString(confFile, conf.toString(), StandardCharsets.UTF_8);
            Peers.PeerProcess p = Peers.start(port, List.of(knotd.toString(), "-c", confFile.toString()));
            KnotServer server = new KnotServer(dir, port, p);
            server.awaitZones(zones.keySet());
            return server;
        } catch (IOException e) {
            throw new AssertionError("cannot prepare the Knot server: " + e, e);
        }
    }

    /** @return the UDP/TCP port on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return {@code 127.0.0.1:port}, as the CLI's --resolver takes it */
    public String address() {
        return "127.0.0.1:" + port;
    }

    private void awaitZones(Iterable<String> zones) {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
        r.setTimeout(Duration.ofMillis(200));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> waiting = new ArrayList<>();
        zones.forEach(waiting::add);
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Knot did not load " + waiting + " within 10 s; its output:\n" + process.output());
            }
            String zone = waiting.get(0);
            try {
                Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(zone + "."), Type.SOA, DClass.IN)));
                if (m.getRcode() == Rcode.NOERROR && !m.getSection(1).isEmpty()) {
                    waiting.remove(0);
                    continue;
                }
            } catch (IOException e) {
                // not ready yet
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }

    /** Builds a map of zones in insertion order. */
    public static Map<String, String> zones() {
        return new LinkedHashMap<>();
    }
}
