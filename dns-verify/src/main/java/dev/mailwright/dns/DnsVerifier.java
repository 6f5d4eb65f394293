package dev.mailwright.dns;

import dev.mailwright.core.BuilderState;
import dev.mailwright.core.EmailAddresses;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.HostNames;
import dev.mailwright.dns.internal.Plan;
import dev.mailwright.dns.internal.Suggestions;
import dev.mailwright.dns.internal.VerificationRun;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks everything the seed asks an administrator to set up for reply-by-email, and the records
 * that decide whether notifications land in the inbox:
 * <ul>
 * <li>{@code reply.<hostname>}: A/AAAA (direct, CNAME or wildcard), MX, every MX target resolves,
 *     and the addresses are the instance's;</li>
 * <li>{@code noreply.<hostname>}: MX pointing to {@code <hostname>}, which resolves;</li>
 * <li>port 25 (and 587/465 on request): greeting, EHLO, STARTTLS, certificate valid for
 *     {@code reply.<hostname>};</li>
 * <li>the sending domain of the no-reply address: SPF (syntax, 10-lookup limit, void lookups, the
 *     SMTP server allowed), DMARC, DKIM selectors, MTA-STS, TLS-RPT;</li>
 * <li>reverse DNS of the instance address with forward confirmation, and DNSSEC validation where the
 *     zone is signed.</li>
 * </ul>
 *
 * <pre>{@code
 * DnsReport report = DnsVerifier.builder()
 *         .hostname("ghe.example.com")
 *         .noReplyAddress("noreply@ghe.example.com")
 *         .smtpServer("smtp.example.com")
 *         .build()
 *         .verify();
 * System.out.print(ReportRenderer.text(report.toSection()));
 * }</pre>
 *
 * <p>Immutable and thread-safe. Queries run in parallel; a dead resolver or a silent port makes
 * {@link #verify()} slower by about its timeout, never hangs it.
 */
public final class DnsVerifier {
    private final Plan plan;
    private final ResolverSettings resolver;
    private final PortProbe probe;

    private DnsVerifier(Builder b) {
        String sending = b.noReplyAddress == null ? b.hostname
                : b.noReplyAddress.substring(b.noReplyAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        this.plan = new Plan(b.hostname, b.addresses, sending, b.smtpServer, b.dkimSelectors, b.ports, b.probeHost,
                b.clock);
        this.resolver = b.resolver;
        this.probe = b.probe == null ? PortProbe.builder().heloName(b.hostname).build() : b.probe;
    }

    /** @return a builder; only the host name is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every check.
     *
     * @return the report; DNS and network problems are findings, never exceptions
     * @throws DnsException when the checks cannot run at all (no system resolver configured)
     */
    public DnsReport verify() {
        return verify(Progress.NONE);
    }

    /**
     * Runs every check, telling {@code progress} as each group of checks ends (for a progress line
     * while slow port checks run).
     *
     * @param progress told from the checking threads, so it must be thread-safe
     * @return the report; DNS and network problems are findings, never exceptions
     * @throws DnsException when the checks cannot run at all (no system resolver configured)
     */
    public DnsReport verify(Progress progress) {
        return VerificationRun.run(plan, resolver, probe, Objects.requireNonNull(progress, "progress"));
    }

    /** Told as each group of checks of a {@link #verify(Progress)} ends. */
    @FunctionalInterface
    public interface Progress {
        /** Tells nothing. */
        Progress NONE = (group, done, total) -> { };

        /**
         * @param group the group that ended, such as {@code reply}, {@code spf} or {@code port 25}
         * @param done how many groups have ended
         * @param total how many groups there are
         */
        void checked(String group, int done, int total);
    }

    /**
     * Lists every record to create for this instance, without asking DNS: the seed's A and MX
     * records, SPF, DMARC, DKIM (one per selector, with a placeholder key), MTA-STS, TLS-RPT and the
     * PTR record. Addresses come from {@link Builder#instanceAddresses}; when none was given the
     * records carry a placeholder that fails loudly when pasted.
     *
     * @return the records in the order to create them
     */
    public List<ZoneRecord> recommendedRecords() {
        List<InetAddress> smtp = new ArrayList<>();
        String server = plan.smtpServer();
        if (server != null && (server.matches("[0-9.]+") || server.contains(":"))) {
            smtp.add(Builder.address(server));
        }
        return Suggestions.all(plan, smtp);
    }

    /** @return the instance host name */
    public String hostname() {
        return plan.hostname();
    }

    /** @return the domain of the no-reply address, checked for SPF, DMARC, DKIM, MTA-STS and TLS-RPT */
    public String sendingDomain() {
        return plan.sendingDomain();
    }

    /** Builds a {@link DnsVerifier}. Setters are named after the properties. Not thread-safe. */
    public static final class Builder {
        private String hostname;
        private List<InetAddress> addresses = List.of();
        private String noReplyAddress;
        private String smtpServer;
        private List<String> dkimSelectors = List.of();
        private final List<Plan.PortSpec> ports = new ArrayList<>(List.of(new Plan.PortSpec(25, TlsMode.STARTTLS, false)));
        private String probeHost;
        private ResolverSettings resolver = ResolverSettings.system();
        private PortProbe probe;
        private Clock clock = Clock.systemUTC();

        private final BuilderState state = new BuilderState("DnsVerifier.Builder");

        private Builder() {
        }

        /**
         * Takes the host name, the no-reply address and the SMTP server from the settings, and the
         * DKIM selectors when the settings sign for the no-reply address's domain.
         *
         * @param settings the email settings
         * @return this builder
         */
        public Builder settings(EmailSettings settings) {
            Objects.requireNonNull(settings, "settings");
            hostname(settings.hostname().orElse(null));
            settings.noReplyAddress().ifPresent(this::noReplyAddress);
            settings.smtpHost().ifPresent(this::smtpServer);
            String noReply = settings.noReplyAddress().orElse(null);
            if (noReply != null && settings.dkim().isEnabled() && settings.dkim().signingDomain(noReply)
                    .filter(d -> noReply.toLowerCase(Locale.ROOT).endsWith("@" + d)).isPresent()) {
                dkimSelectors(settings.dkim().keys().stream().map(k -> k.selector()).toArray(String[]::new));
            }
            return this;
        }

        /**
         * @param hostname the instance host name, such as {@code ghe.example.com}
         * @return this builder
         */
        public Builder hostname(String hostname) {
            if (hostname == null) {
                throw new IllegalArgumentException("the instance host name is not set: give it, such as ghe.example.com");
            }
            this.hostname = state.set("hostname", HostNames.normalize(hostname));
            return this;
        }

        /**
         * @param addresses the instance's public addresses; when none is given they are looked up
         *     from the host name
         * @return this builder
         */
        public Builder instanceAddresses(List<InetAddress> addresses) {
            this.addresses = state.set("instanceAddresses", List.copyOf(addresses));
            return this;
        }

        /**
         * @param addresses IP address literals such as {@code 192.0.2.10}
         * @return this builder
         * @throws IllegalArgumentException naming a value that is not an IP address
         */
        public Builder instanceAddresses(String... addresses) {
            List<InetAddress> list = new ArrayList<>();
            for (String a : addresses) {
                list.add(address(a));
            }
            return instanceAddresses(list);
        }

        /**
         * @param noReplyAddress the no-reply address; its domain is the sending domain (the host name when unset)
         * @return this builder
         */
        public Builder noReplyAddress(String noReplyAddress) {
            this.noReplyAddress = state.set("noReplyAddress", EmailAddresses.require(noReplyAddress, "no-reply address"));
            return this;
        }

        /**
         * @param smtpServer the outgoing SMTP server (name or address) whose addresses SPF must allow
         * @return this builder
         */
        public Builder smtpServer(String smtpServer) {
            Objects.requireNonNull(smtpServer, "smtpServer");
            this.smtpServer = state.set("smtpServer", isIpLiteral(smtpServer) ? smtpServer.strip() : HostNames.normalize(smtpServer));
            return this;
        }

        /**
         * @param selectors DKIM selectors to check under {@code _domainkey.<sending domain>}
         * @return this builder
         */
        public Builder dkimSelectors(String... selectors) {
            List<String> list = new ArrayList<>();
            for (String s : selectors) {
                if (s == null || !s.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
                    throw new IllegalArgumentException("DKIM selector '" + s + "' is not valid: use letters, digits,"
                            + " hyphens and dots, such as s1 or 2024a");
                }
                list.add(s.toLowerCase(Locale.ROOT));
            }
            this.dkimSelectors = state.set("dkimSelectors", List.copyOf(list));
            return this;
        }

        /**
         * Replaces the ports to probe (25 by default); each with its usual TLS mode (implicit for 465).
         *
         * @param ports the ports; none to skip the port checks
         * @return this builder
         */
        public Builder probePorts(int... ports) {
            state.set("probePorts", java.util.Arrays.toString(ports));
            this.ports.clear();
            for (int p : ports) {
                probePort(p, TlsMode.forPort(p));
            }
            return this;
        }

        /**
         * Adds a port to probe. Clients are taken to require TLS on 587 and on implicit-TLS ports
         * (TLS problems are failures there); on other ports, such as the inbound port 25, TLS
         * problems are warnings because sending servers fall back to plain text.
         *
         * @param port the port
         * @param mode how it starts TLS
         * @return this builder
         */
        public Builder probePort(int port, TlsMode mode) {
            Objects.requireNonNull(mode, "mode");
            boolean tlsRequired = port == 587 || mode == TlsMode.IMPLICIT;
            this.ports.add(new Plan.PortSpec(port, mode, tlsRequired));
            return this;
        }

        /**
         * @param probeHost the host to connect to for the port checks instead of the instance
         *     addresses (a private address behind NAT, a test server)
         * @return this builder
         */
        public Builder probeHost(String probeHost) {
            this.probeHost = state.set("probeHost", probeHost).strip();
            return this;
        }

        /**
         * @param resolver the DNS servers and timeout; the system's by default
         * @return this builder
         */
        public Builder resolver(ResolverSettings resolver) {
            this.resolver = state.set("resolver", resolver);
            return this;
        }

        /**
         * @param probe the port probe (timeout, trust store)
         * @return this builder
         */
        public Builder portProbe(PortProbe probe) {
            this.probe = state.set("portProbe", probe);
            return this;
        }

        /**
         * @param clock the clock for DNSSEC signature validity and the suggested MTA-STS id
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = state.set("clock", clock);
            return this;
        }

        /**
         * @return the verifier
         * @throws IllegalArgumentException when the host name is missing
         */
        public DnsVerifier build() {
            if (hostname == null) {
                throw new IllegalArgumentException("the instance host name is not set: call hostname(\"ghe.example.com\")");
            }
            return new DnsVerifier(this);
        }

        static boolean isIpLiteral(String s) {
            String t = s.strip();
            return t.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || t.contains(":") && t.matches("[0-9a-fA-F:.]+");
        }

        static InetAddress address(String literal) {
            if (literal == null || !isIpLiteral(literal)) {
                throw new IllegalArgumentException("'" + literal + "' is not an IP address: give it as 192.0.2.10 or"
                        + " 2001:db8::10");
            }
            try {
                return InetAddress.getByName(literal.strip());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + literal + "' is not an IP address: " + e.getMessage(), e);
            }
        }
    }
}
