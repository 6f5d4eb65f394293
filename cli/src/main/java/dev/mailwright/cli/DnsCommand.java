package dev.mailwright.cli;

import dev.mailwright.dns.DnsReport;
import dev.mailwright.dns.DnsVerifier;
import dev.mailwright.dns.ResolverSettings;
import dev.mailwright.dns.TlsMode;
import dev.mailwright.dns.ZoneRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailwright dns}: check the DNS records and SMTP ports of an instance ({@code check}), or
 * print the records to create ({@code records}).
 */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "Check DNS records and port 25, or print the records to create.",
        subcommands = {DnsCommand.Check.class, DnsCommand.Records.class})
final class DnsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** {@code mailwright dns check}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check reply.<hostname>, noreply.<hostname>, the SMTP port(s) and the sending domain's"
                    + " SPF, DMARC, DKIM, MTA-STS, TLS-RPT, reverse DNS and DNSSEC.",
                    "Exits 1 when any check fails, 0 otherwise (warnings included)."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DnsOptions names;

        @Option(names = {"--ip", "--instance-ip"}, paramLabel = "ADDRESS",
                description = "The instance's public address (repeatable); default: looked up from --hostname.")
        List<String> addresses = new ArrayList<>();

        @Option(names = "--dkim-selector", paramLabel = "SELECTOR", description = "A DKIM selector to check (repeatable).")
        List<String> dkimSelectors = new ArrayList<>();

        @Option(names = "--resolver", paramLabel = "ADDRESS[:PORT]",
                description = "A DNS server to ask (repeatable); default: the system's resolvers.")
        List<String> resolvers = new ArrayList<>();

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3s",
                description = "The timeout of each DNS query and of each network step of a port check (default: ${DEFAULT-VALUE}).")
        String timeout;

        @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "25",
                description = "The inbound SMTP port that mail servers connect to (default: ${DEFAULT-VALUE}).")
        int smtpPort;

        @Option(names = "--submission-port", paramLabel = "PORT",
                description = "Also check a submission port with STARTTLS, such as 587 (TLS problems are failures).")
        List<Integer> submissionPorts = new ArrayList<>();

        @Option(names = "--smtps-port", paramLabel = "PORT",
                description = "Also check an implicit-TLS port, such as 465.")
        List<Integer> smtpsPorts = new ArrayList<>();

        @Option(names = "--no-port-check", description = "Skip the port checks.")
        boolean noPortCheck;

        @Option(names = "--probe-host", paramLabel = "HOST",
                description = "Connect to this host for the port checks instead of the instance addresses.")
        String probeHost;

        @Option(names = "--trust-ca", paramLabel = "PEM",
                description = "Trust the CA certificates in this PEM file for the certificate check instead of the JVM's.")
        java.nio.file.Path trustCa;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        @Override
        public Integer call() {
            java.time.Duration t = dev.mailwright.core.SettingsLoader.parseDuration(timeout);
            DnsVerifier.Builder b = names.builder(addresses, dkimSelectors)
                    .resolver((resolvers.isEmpty() ? ResolverSettings.system()
                            : ResolverSettings.of(resolvers.toArray(new String[0]))).withTimeout(t))
                    .portProbe(DnsCommandSupport.probe(t, trustCa, names.hostname));
            if (noPortCheck) {
                b.probePorts();
            } else {
                b.probePorts(smtpPort);
                submissionPorts.forEach(p -> b.probePort(p, TlsMode.STARTTLS));
                smtpsPorts.forEach(p -> b.probePort(p, TlsMode.IMPLICIT));
            }
            if (probeHost != null) {
                b.probeHost(probeHost);
            }
            int probes = noPortCheck ? 0 : 1 + submissionPorts.size() + smtpsPorts.size();
            Progress progress = Progress.of(spec);
            progress.step("checking the DNS records of " + names.hostname + (probes == 0 ? "" : " and " + probes
                    + " SMTP port(s), up to " + t.toSeconds() + " s per step") + "…");
            DnsReport report = b.build().verify((group, done, total) -> {
                synchronized (progress) {
                    progress.step(names.hostname + ": " + done + " of " + total + " checks done (" + group + ")…");
                }
            });
            progress.done();
            if (json) {
                Output.print(spec, !report.hasFailures(), Render.data(report), Output.problems(report.findings()));
            } else {
                PrintWriter out = spec.commandLine().getOut();
                out.print(Render.text(report));
                out.flush();
            }
            return report.hasFailures() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
        }
    }

    /** {@code mailwright dns records}. */
    @Command(name = "records", mixinStandardHelpOptions = true,
            description = "Print the DNS records to create for the instance, as zone-file lines (no DNS query is made).")
    static final class Records implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DnsOptions names;

        @Option(names = {"--ip", "--instance-ip"}, paramLabel = "ADDRESS",
                description = "The instance's public address (repeatable): its A record and reverse DNS (PTR) record.")
        List<String> addresses = new ArrayList<>();

        @Option(names = "--dkim-selector", paramLabel = "SELECTOR",
                description = "A DKIM selector of the SMTP provider (repeatable): a TXT record to fill with its public key.")
        List<String> dkimSelectors = new ArrayList<>();

        @Option(names = "--json", description = "Print the records as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<ZoneRecord> records = names.builder(addresses, dkimSelectors).build().recommendedRecords();
            if (json) {
                Output.print(spec, true, records.stream().map(DnsCommand::record).toList(), List.of());
                return ExitCodes.OK;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("; records for " + names.hostname + "; paste them into the zone of your DNS provider");
            for (ZoneRecord r : records) {
                out.println(r.zoneLine());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static Map<String, Object> record(ZoneRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("ttl", r.ttl());
        m.put("type", r.type());
        m.put("data", r.data());
        m.put("comment", r.comment());
        m.put("zoneLine", r.zoneLine());
        return m;
    }

    /** The options both subcommands share (each declares --ip and --dkim-selector with its own meaning). */
    static final class DnsOptions {
        @Option(names = "--hostname", required = true, paramLabel = "HOST",
                description = "The instance host name; replies arrive at reply.<HOST>.")
        String hostname;

        @Option(names = "--no-reply", paramLabel = "ADDRESS",
                description = "The no-reply address (default: noreply@<HOST>); its domain is the sending domain of SPF, DMARC and DKIM.")
        String noReply;

        @Option(names = "--smtp-server", paramLabel = "HOST",
                description = "The outgoing SMTP server whose addresses SPF must allow.")
        String smtpServer;

        DnsVerifier.Builder builder(List<String> addresses, List<String> dkimSelectors) {
            DnsVerifier.Builder b = DnsVerifier.builder().hostname(hostname)
                    .instanceAddresses(addresses.toArray(new String[0]))
                    .dkimSelectors(dkimSelectors.toArray(new String[0]));
            b.noReplyAddress(noReply != null ? noReply : "noreply@" + dev.mailwright.core.HostNames.normalize(hostname));
            if (smtpServer != null) {
                b.smtpServer(smtpServer);
            }
            return b;
        }
    }
}
