package dev.mailwright.dns.internal;

/** Remedies shared by several checks. */
final class Remedies {
    private Remedies() {
    }

    static String resolver(Dns dns) {
        return "Check that the DNS server " + dns.describeServers() + " is reachable and answers (firewall, resolver"
                + " configuration), or choose another one with --resolver; then run the check again.";
    }
}
