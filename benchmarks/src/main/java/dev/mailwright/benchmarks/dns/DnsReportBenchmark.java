package dev.mailwright.benchmarks.dns;

import dev.mailwright.core.testing.Peers;
import dev.mailwright.dns.DnsReport;
import dev.mailwright.dns.DnsVerifier;
import dev.mailwright.dns.PortProbe;
import dev.mailwright.dns.ResolverSettings;
import dev.mailwright.dns.testing.KnotServer;
import dev.mailwright.dns.testing.SmtpSink;
import dev.mailwright.dns.testing.TestZones;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full DNS and port report against a local Knot server (and Postfix's smtp-sink on the probed
 * port), for an unsigned and a DNSSEC-signed zone, compared with the same report without the port
 * check and with what an administrator's script does: the same questions asked one by one with
 * {@code dig}.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -jar
 * benchmarks/target/benchmarks.jar DnsReportBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DnsReportBenchmark {
    /** The zone checked: unsigned, or signed by Knot (adds DNSSEC validation). */
    @Param({"good.test", "signed.test"})
    public String zone;

    private KnotServer knot;
    private Peers.PeerProcess sink;
    private DnsVerifier full;
    private DnsVerifier dnsOnly;
    private List<List<String>> digCommands;

    /** Starts Knot and smtp-sink, builds the verifiers. */
    @Setup(Level.Trial)
    public void start() {
        Map<String, String> zones = KnotServer.zones();
        zones.put(zone, TestZones.variant(zone, l -> l));
        zones.put("0.0.127.in-addr.arpa", TestZones.reverse(zone));
        knot = KnotServer.start(zones, zone.startsWith("signed") ? Set.of(zone) : Set.of());
        int port = Peers.freePort();
        sink = SmtpSink.start(port);
        full = builder(zone).probePorts(port).build();
        dnsOnly = builder(zone).probePorts().build();
        digCommands = digCommands(Peers.require("dig", "dnsutils").toString(), knot.port());
        DnsReport check = full.verify();
        if (check.hasFailures()) {
            throw new IllegalStateException("the benchmark zone must pass:\n" + dev.mailwright.core.diagnostics.ReportRenderer.text(check.findings()));
        }
    }

    /** A builder per verifier: a builder's properties are set once. */
    private DnsVerifier.Builder builder(String zone) {
        return DnsVerifier.builder().hostname(zone).noReplyAddress("noreply@" + zone)
                .smtpServer("smtp." + zone).dkimSelectors("s1")
                .resolver(ResolverSettings.of(knot.address()).withTimeout(Duration.ofSeconds(2)))
                .portProbe(PortProbe.builder().timeout(Duration.ofSeconds(2)).build());
    }

    private List<List<String>> digCommands(String dig, int port) {
        String[][] questions = {{zone, "A"}, {zone, "AAAA"}, {"reply." + zone, "A"}, {"reply." + zone, "AAAA"},
            {"reply." + zone, "MX"}, {"noreply." + zone, "MX"}, {zone, "TXT"}, {"smtp." + zone, "A"},
            {"_dmarc." + zone, "TXT"}, {"s1._domainkey." + zone, "TXT"}, {"_mta-sts." + zone, "TXT"},
            {"_smtp._tls." + zone, "TXT"}, {"1.0.0.127.in-addr.arpa", "PTR"}, {zone, "DNSKEY"}};
        List<List<String>> out = new ArrayList<>();
        for (String[] q : questions) {
            out.add(List.of(dig, "@127.0.0.1", "-p", String.valueOf(port), "+short", "+time=2", q[0], q[1]));
        }
        return out;
    }

    /** Stops the peers. */
    @TearDown(Level.Trial)
    public void stop() {
        if (sink != null) {
            sink.close();
        }
        if (knot != null) {
            knot.close();
        }
    }

    /** @return the full report: every DNS check plus the port probe of smtp-sink */
    @Benchmark
    public DnsReport fullReport() {
        return full.verify();
    }

    /** @return the report without the port check */
    @Benchmark
    public DnsReport dnsOnlyReport() {
        return dnsOnly.verify();
    }

    /** @return the exit codes of {@code dig} asking the report's first-level questions one by one (no analysis) */
    @Benchmark
    public int digSequential() throws IOException, InterruptedException {
        int sum = 0;
        for (List<String> cmd : digCommands) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            sum += p.waitFor();
        }
        return sum;
    }
}
