package dev.mailwright.dns.internal;

import dev.mailwright.core.Finding;
import dev.mailwright.dns.DnsReport;
import dev.mailwright.dns.DnsVerifier;
import dev.mailwright.dns.PortProbe;
import dev.mailwright.dns.ProbeResult;
import dev.mailwright.dns.ResolverSettings;
import dev.mailwright.dns.ZoneRecord;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs every group of checks in parallel and merges their findings in a fixed order. */
public final class VerificationRun {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationRun.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private VerificationRun() {
    }

    /**
     * @param plan what to check
     * @param resolver which DNS servers to ask
     * @param probe the SMTP port probe
     * @param progress told as each group of checks ends, from the checking threads
     * @return the report
     */
    public static DnsReport run(Plan plan, ResolverSettings resolver, PortProbe probe, DnsVerifier.Progress progress) {
        long start = System.nanoTime();
        Instant checkedAt = plan.clock().instant();
        Dns dns = new Dns(resolver);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mailwright-dns-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<List<InetAddress>> instance = plan.givenAddresses().isEmpty()
                    ? CompletableFuture.supplyAsync(() -> new CheckContext(plan, dns, null).addresses(plan.hostname())
                            .addresses(), pool)
                    : CompletableFuture.completedFuture(plan.givenAddresses());
            CheckContext root = new CheckContext(plan, dns, instance);
            Map<String, Consumer<CheckContext>> groups = groups(plan, probe);
            List<CheckContext> contexts = new ArrayList<>();
            List<CompletableFuture<Void>> running = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            for (Map.Entry<String, Consumer<CheckContext>> g : groups.entrySet()) {
                CheckContext c = root.fork();
                contexts.add(c);
                running.add(CompletableFuture.runAsync(() -> {
                    guarded(g.getKey(), g.getValue(), c);
                    progress.checked(g.getKey(), done.incrementAndGet(), groups.size());
                }, pool));
            }
            CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0])).join();
            List<Finding> findings = new ArrayList<>();
            List<ZoneRecord> records = new ArrayList<>();
            for (CheckContext c : contexts) {
                findings.addAll(c.findings());
                // one line per record, whichever checks asked for it (their comments may differ)
                c.records().stream().filter(r -> records.stream().noneMatch(x -> x.name().equals(r.name())
                        && x.type().equals(r.type()) && x.data().equals(r.data()))).forEach(records::add);
            }
            return new DnsReport(plan.hostname(), checkedAt, Duration.ofNanos(System.nanoTime() - start), findings,
                    records);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Consumer<CheckContext>> groups(Plan plan, PortProbe probe) {
        Map<String, Consumer<CheckContext>> groups = new LinkedHashMap<>();
        groups.put("reply", InboundChecks::reply);
        groups.put("noreply", InboundChecks::noReply);
        for (Plan.PortSpec p : plan.ports()) {
            groups.put("port " + p.port(), c -> port(c, probe, p));
        }
        groups.put("spf", SpfCheck::run);
        groups.put("dmarc", MailAuthChecks::dmarc);
        groups.put("dkim", DkimCheck::run);
        groups.put("mta-sts", MailAuthChecks::mtaStsAndTlsRpt);
        groups.put("ptr", ReverseDnsCheck::run);
        groups.put("dnssec", DnssecCheck::run);
        return groups;
    }

    private static void guarded(String name, Consumer<CheckContext> check, CheckContext c) {
        try {
            check.accept(c);
        } catch (RuntimeException e) {
            LOG.warn("the {} check failed unexpectedly", name, e);
            c.add(Findings.failure("dns.internal", "the " + name + " check could not run: " + e,
                    "the check to complete", "Report this to the Mailwright maintainers with the report attached.",
                    List.of()));
        }
    }

    private static void port(CheckContext c, PortProbe probe, Plan.PortSpec spec) {
        List<String> hosts = new ArrayList<>();
        if (c.plan.probeHost() != null) {
            hosts.add(c.plan.probeHost());
        } else {
            c.instance().forEach(a -> hosts.add(a.getHostAddress()));
        }
        if (hosts.isEmpty()) {
            c.add(Findings.failure("dns.port." + spec.port() + ".unreachable", "cannot check port " + spec.port()
                    + ": the instance address is unknown (" + c.plan.hostname() + " does not resolve)",
                    "the instance's address", "Create the A record of " + c.plan.hostname()
                            + ", or give the instance address.", List.of()));
            return;
        }
        for (String host : hosts) {
            ProbeResult r = probe.probe(host, spec.port(), c.plan.replyDomain(), spec.mode());
            r.findings(spec.tlsRequired()).forEach(c::add);
        }
    }
}
