package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.testing.Peers;
import dev.mailwright.dns.testing.KnotServer;
import dev.mailwright.dns.testing.SmtpSink;
import dev.mailwright.dns.testing.StartTlsResponder;
import dev.mailwright.dns.testing.TestPki;
import dev.mailwright.dns.testing.TestZones;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mailwright dns check} and {@code mailwright dns records} against a real Knot server and smtp-sink. */
class DnsCommandTest {
    private static KnotServer knot;

    @BeforeAll
    static void startKnot() {
        Map<String, String> zones = KnotServer.zones();
        zones.put("good.test", TestZones.variant("good.test", l -> l));
        zones.put("nomx.test", TestZones.variant("nomx.test", TestZones.without("reply MX")));
        zones.put("0.0.127.in-addr.arpa", TestZones.reverse("good.test"));
        zones.put("example.test", String.join("\n", TestZones.subdomain("example.test", "ghe")) + "\n");
        knot = KnotServer.start(zones, Set.of());
    }

    @AfterAll
    static void stopKnot() {
        if (knot != null) {
            knot.close();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void check_correctZoneWithSmtpSink_exitsZeroAndPrintsTheReport() {
        int port = Peers.freePort();
        try (Peers.PeerProcess sink = SmtpSink.start(port)) {
            Run r = run("dns", "check", "--hostname", "good.test", "--resolver", knot.address(), "--smtp-port",
                    String.valueOf(port), "--smtp-server", "smtp.good.test", "--dkim-selector", "s1", "--timeout", "2s");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("DNS and port checks for good.test: 0 failed, 1 warnings",
                    "[PASS] dns.reply.mx: reply.good.test has MX reply.good.test",
                    "[PASS] dns.port." + port + ".open", "[WARNING] dns.port." + port + ".starttls.missing");
        }
    }

    /** Regression (issue 13, defect 9): a correct unsigned zone with a three-label host name made {@code dns check} exit 1. */
    @Test
    void check_threeLabelHostNameUnderAnAuthoritativeOnlyServer_exitsZero() {
        int port = Peers.freePort();
        try (Peers.PeerProcess sink = SmtpSink.start(port)) {
            Run r = run("dns", "check", "--hostname", "ghe.example.test", "--resolver", knot.address(), "--smtp-port",
                    String.valueOf(port), "--smtp-server", "smtp.example.test", "--dkim-selector", "s1", "--timeout", "2s");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("DNS and port checks for ghe.example.test: 0 failed",
                    "[INFO] dns.dnssec: the zone example.test of ghe.example.test is not signed");
        }
    }

    /** Regression (issue 13, defect 9): the same address given twice printed the same A line twice. */
    @Test
    void records_printEachRecordOnce() {
        Run r = run("dns", "records", "--hostname", "ghe.example.com", "--ip", "192.0.2.10", "--ip", "192.0.2.10",
                "--ip", "2001:db8::1", "--ip", "2001:db8:0::1");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("ghe.example.com. 3600 IN A 192.0.2.10"))).hasSize(1);
        assertThat(r.out().lines().filter(l -> l.startsWith("reply.ghe.example.com. 3600 IN AAAA "))).hasSize(1);
        assertThat(r.out().lines().filter(l -> l.contains(" PTR "))).hasSize(2);
        assertThat(r.out()).contains("does not cover it: it has an MX record, RFC 4592");
    }

    @Test
    void check_missingMxAndClosedPort_exitsOneWithTheRemedyAndTheRecord() {
        int closed = Peers.freePort();
        Run r = run("dns", "check", "--hostname", "nomx.test", "--resolver", knot.address(), "--smtp-port",
                String.valueOf(closed), "--timeout", "1s");
        assertThat(r.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out()).contains("[FAILURE] dns.reply.mx: reply.nomx.test has no MX record",
                "fix: Create an MX record for reply.nomx.test", "firewall or security group",
                "reply.nomx.test. 3600 IN MX 10 reply.nomx.test.");
    }

    /** Issue 14: a check with many probes shows its progress on standard error when it is a terminal, only then. */
    @Test
    void check_withManyProbes_showsProgressOnStandardError_onlyWhenItIsATerminal() {
        String[] args = {"dns", "check", "--hostname", "nomx.test", "--resolver", knot.address(), "--smtp-port",
            String.valueOf(Peers.freePort()), "--submission-port", String.valueOf(Peers.freePort()), "--smtps-port",
            String.valueOf(Peers.freePort()), "--timeout", "1s"};
        StringWriter err = new StringWriter();
        CommandLine terminal = Main.commandLine(true);
        terminal.setOut(new PrintWriter(new StringWriter()));
        terminal.setErr(new PrintWriter(err));

        assertThat(terminal.execute(args)).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(err.toString()).contains("\rchecking the DNS records of nomx.test and 3 SMTP port(s), up to 1 s per step…")
                .containsPattern("\rnomx.test: 1 of \\d+ checks done \\([a-z0-9 ]+\\)…")
                .contains("checks done (port " + args[7] + ")…").as("the line is cleared at the end").endsWith("\r");
        java.util.regex.Matcher total = java.util.regex.Pattern.compile(": 1 of (\\d+) checks").matcher(err.toString());
        assertThat(total.find()).isTrue();
        assertThat(err.toString()).as("every group of checks is counted").contains(": " + total.group(1) + " of " + total.group(1)
                + " checks done");
        Run notTerminal = run(args);
        assertThat(notTerminal.err()).doesNotContain("checking");
        assertThat(notTerminal.out()).contains("[FAILURE] dns.reply.mx");
    }

    @Test
    void check_startTlsAndImplicitTlsPorts_withTheTestCaTrusted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        TestPki pki = new TestPki();
        java.nio.file.Path ca = dir.resolve("ca.pem");
        java.nio.file.Files.writeString(ca, pki.caPem());
        try (StartTlsResponder starttls = new StartTlsResponder(pki.serverContext("reply.good.test"), false);
                StartTlsResponder smtps = new StartTlsResponder(pki.serverContext("other.test"), true)) {
            Run r = run("dns", "check", "--hostname", "good.test", "--resolver", knot.address(), "--smtp-server",
                    "smtp.good.test", "--dkim-selector", "s1", "--smtp-port", String.valueOf(starttls.port()),
                    "--smtps-port", String.valueOf(smtps.port()), "--trust-ca", ca.toString(), "--timeout", "2s");
            assertThat(r.out()).contains("[PASS] dns.port." + starttls.port() + ".tls: 127.0.0.1:" + starttls.port()
                    + " started TLS", "valid for reply.good.test",
                    "[FAILURE] dns.port." + smtps.port() + ".tls.name", "(certificate for other.test)");
            assertThat(r.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        }
    }

    @Test
    void check_unreadableTrustFile_isAnErrorNamingIt() {
        Run r = run("dns", "check", "--hostname", "good.test", "--resolver", knot.address(), "--trust-ca",
                "/nonexistent/ca.pem");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains("/nonexistent/ca.pem");
    }

    @Test
    void check_json_isOneObjectWithTheFailedFlag() {
        Run r = run("dns", "check", "--hostname", "nomx.test", "--resolver", knot.address(), "--no-port-check", "--json");
        assertThat(r.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out()).startsWith("{\"ok\":false,\"command\":\"dns check\",\"result\":{\"hostname\":\"nomx.test\","
                + "\"checkedAt\":").contains("\"failed\":true", "\"code\":\"dns.reply.mx\"", "\"severity\":\"failure\"");
    }

    /** Moved from DnsVerifierKnotTest when the report stopped rendering itself: the command lays it out. */
    @Test
    void check_rendersTheReportAsTextAndJson() {
        Run text = run("dns", "check", "--hostname", "nomx.test", "--resolver", knot.address(), "--no-port-check");
        assertThat(text.out()).contains("[FAILURE] dns.reply.mx: reply.nomx.test has no MX record",
                "Records to create (zone-file lines):", "reply.nomx.test. 3600 IN MX 10 reply.nomx.test.");
        Run json = run("dns", "check", "--hostname", "nomx.test", "--resolver", knot.address(), "--no-port-check", "--json");
        assertThat(json.out()).contains("\"elapsedMillis\":", "\"failed\":true,\"findings\":[",
                "\"recordsToCreate\":[\"reply.nomx.test. 3600 IN MX 10 reply.nomx.test.");
    }

    @Test
    void check_errorWithJson_isTheEnvelopeOnStandardOutput() {
        Run r = run("dns", "check", "--hostname", "good.test", "--resolver", knot.address(), "--trust-ca",
                "/nonexistent/ca.pem", "--json");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.out()).startsWith("{\"ok\":false,\"command\":\"dns check\",\"result\":null,\"problems\":"
                + "[{\"code\":\"error\",\"message\":\"").contains("/nonexistent/ca.pem");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void records_printsZoneFileLines() {
        Run r = run("dns", "records", "--hostname", "ghe.example.com", "--ip", "192.0.2.10");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("reply.ghe.example.com. 3600 IN A 192.0.2.10",
                "reply.ghe.example.com. 3600 IN MX 10 reply.ghe.example.com.",
                "noreply.ghe.example.com. 3600 IN MX 10 ghe.example.com.",
                "ghe.example.com. 3600 IN TXT \"v=spf1 mx ~all\"",
                "10.2.0.192.in-addr.arpa. 3600 IN PTR ghe.example.com.");
    }

    @Test
    void badValues_areErrorsNamingTheValue() {
        Run r = run("dns", "check", "--hostname", "good.test", "--resolver", "dns.example.com");
        assertThat(r.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains("dns.example.com");
        Run ip = run("dns", "records", "--hostname", "ghe.example.com", "--ip", "not-an-ip");
        assertThat(ip.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(ip.err()).contains("'not-an-ip' is not an IP address");
        assertThat(run("dns", "records").exit()).isEqualTo(ExitCodes.USAGE);
    }
}
