package dev.mailwright.dns.internal;

import dev.mailwright.dns.TlsMode;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The inputs of one verification, already validated by the public builder.
 *
 * @param hostname the instance host name (normalized)
 * @param givenAddresses the instance addresses given by the caller; empty to look them up
 * @param sendingDomain the domain of the no-reply address
 * @param smtpServer the outgoing SMTP server (name or address), or null
 * @param dkimSelectors the DKIM selectors to check
 * @param ports the SMTP ports to probe, with their TLS mode
 * @param probeHost the host to connect to for the port checks, or null for the instance addresses
 * @param clock the clock (DNSSEC validity, the MTA-STS id of suggested records)
 */
public record Plan(String hostname, List<InetAddress> givenAddresses, String sendingDomain, String smtpServer,
        List<String> dkimSelectors, List<PortSpec> ports, String probeHost, Clock clock) {

    /** Copies the lists. */
    public Plan {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(sendingDomain, "sendingDomain");
        Objects.requireNonNull(clock, "clock");
        givenAddresses = List.copyOf(givenAddresses);
        dkimSelectors = List.copyOf(dkimSelectors);
        ports = List.copyOf(ports);
    }

    /** @return {@code reply.<hostname>} */
    public String replyDomain() {
        return "reply." + hostname;
    }

    /** @return {@code noreply.<hostname>} */
    public String noReplyDomain() {
        return "noreply." + hostname;
    }

    /**
     * A port to probe.
     *
     * @param port the port
     * @param mode its TLS mode
     * @param tlsRequired whether clients require TLS there (submission), making TLS problems failures
     */
    public record PortSpec(int port, TlsMode mode, boolean tlsRequired) {
        /** Validates. */
        public PortSpec {
            Objects.requireNonNull(mode, "mode");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range 1..65535");
            }
        }
    }
}
