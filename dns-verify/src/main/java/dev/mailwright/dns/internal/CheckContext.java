package dev.mailwright.dns.internal;

import dev.mailwright.core.Finding;
import dev.mailwright.dns.ZoneRecord;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * What one verification run knows: the names, the DNS client, the instance addresses (given or
 * looked up), and the findings and suggested records of one group of checks.
 */
final class CheckContext {
    final Plan plan;
    final Dns dns;
    final CompletableFuture<List<InetAddress>> instanceAddresses;
    private final List<Finding> findings = new ArrayList<>();
    private final List<ZoneRecord> records = new ArrayList<>();

    CheckContext(Plan plan, Dns dns, CompletableFuture<List<InetAddress>> instanceAddresses) {
        this.plan = plan;
        this.dns = dns;
        this.instanceAddresses = instanceAddresses;
    }

    /** @return a context for another group sharing the names, DNS client and addresses */
    CheckContext fork() {
        return new CheckContext(plan, dns, instanceAddresses);
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    /** Adds the failure of a check whose question got no usable answer. */
    void unanswered(String code, String what, String reason, List<String> evidence) {
        add(Findings.failure(code, "could not look up " + what + ": " + reason, "an answer from the DNS server",
                Remedies.resolver(dns), evidence));
    }

    void suggest(ZoneRecord record) {
        records.add(record);
    }

    void suggest(List<ZoneRecord> list) {
        records.addAll(list);
    }

    List<Finding> findings() {
        return findings;
    }

    List<ZoneRecord> records() {
        return records;
    }

    /** @return the instance addresses, empty when neither given nor resolvable */
    List<InetAddress> instance() {
        return instanceAddresses.join();
    }

    /** Looks up A and AAAA in parallel. */
    AddressAnswer addresses(String name) {
        CompletableFuture<Answer> a = dns.query(name, Type.A);
        CompletableFuture<Answer> aaaa = dns.query(name, Type.AAAA);
        return new AddressAnswer(name, a.join(), aaaa.join());
    }

    /**
     * The A and AAAA answers of one name.
     *
     * @param name the name
     * @param a the A answer
     * @param aaaa the AAAA answer
     */
    record AddressAnswer(String name, Answer a, Answer aaaa) {
        List<InetAddress> addresses() {
            List<InetAddress> out = new ArrayList<>();
            for (Record r : a.records()) {
                out.add(((ARecord) r).getAddress());
            }
            for (Record r : aaaa.records()) {
                out.add(((AAAARecord) r).getAddress());
            }
            return out;
        }

        boolean failed() {
            return a instanceof Answer.Failed && !(aaaa instanceof Answer.Records)
                    || aaaa instanceof Answer.Failed && !(a instanceof Answer.Records);
        }

        Optional<Answer.Failed> failure() {
            if (a instanceof Answer.Failed) {
                return Optional.of((Answer.Failed) a);
            }
            return aaaa instanceof Answer.Failed ? Optional.of((Answer.Failed) aaaa) : Optional.empty();
        }

        List<String> aliases() {
            return a instanceof Answer.Records ? ((Answer.Records) a).aliases() : List.of();
        }

        List<String> evidence() {
            List<String> out = new ArrayList<>(a.evidence());
            out.addAll(aaaa.evidence());
            return out;
        }
    }

    static String text(List<InetAddress> addresses) {
        List<String> out = new ArrayList<>();
        addresses.forEach(x -> out.add(x.getHostAddress()));
        return out.isEmpty() ? "(none)" : String.join(", ", out);
    }
}
