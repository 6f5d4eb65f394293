package dev.mailwright.dns.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/** Reverse DNS of each instance address, confirmed forward (the PTR name resolves back to the address). */
final class ReverseDnsCheck {
    private ReverseDnsCheck() {
    }

    static void run(CheckContext c) {
        List<InetAddress> instance = c.instance();
        if (instance.isEmpty()) {
            c.add(Findings.warning("dns.ptr", "the instance address is unknown: " + c.plan.hostname() + " does not"
                    + " resolve and none was given", "the instance address", "Create the A record of "
                    + c.plan.hostname() + ", or give the address (--instance-ip).", List.of()));
            return;
        }
        for (InetAddress ip : instance) {
            address(c, ip);
        }
    }

    private static void address(CheckContext c, InetAddress ip) {
        String rev = ReverseMap.fromAddress(ip).toString();
        Answer ptr = c.dns.lookup(rev, Type.PTR);
        String code = "dns.ptr";
        String addr = ip.getHostAddress();
        if (ptr instanceof Answer.Failed) {
            c.add(Findings.warning(code, "could not read the reverse DNS of " + addr + ": " + ((Answer.Failed) ptr).reason(),
                    "a PTR record", Remedies.resolver(c.dns), ptr.evidence()));
            return;
        }
        if (ptr.records().isEmpty()) {
            c.add(Findings.warning(code, addr + " has no reverse DNS (PTR) record", "a PTR record naming "
                    + c.plan.hostname(), "Ask the owner of the address (your hosting provider) to set the reverse DNS of "
                    + addr + " to " + c.plan.hostname() + "; many mail servers distrust hosts without one.",
                    ptr.evidence()));
            c.suggest(Suggestions.ptr(ip, c.plan.hostname()));
            return;
        }
        List<String> names = new ArrayList<>();
        for (Record r : ptr.records()) {
            names.add(((PTRRecord) r).getTarget().toString(true).toLowerCase(Locale.ROOT));
        }
        List<String> evidence = new ArrayList<>(ptr.evidence());
        for (String name : names) {
            CheckContext.AddressAnswer forward = c.addresses(name);
            evidence.addAll(forward.evidence());
            if (forward.addresses().contains(ip)) {
                c.add(Findings.pass(code, addr + " has reverse DNS " + name + ", which resolves back to " + addr,
                        evidence));
                return;
            }
        }
        c.add(Findings.warning(code, addr + " has reverse DNS " + String.join(", ", names) + ", which does not resolve"
                + " back to " + addr, "forward-confirmed reverse DNS: the PTR name resolves to the same address",
                "Create an A record for " + names.get(0) + " pointing to " + addr + ", or have the PTR record changed"
                        + " to a name that does.", evidence));
    }
}
