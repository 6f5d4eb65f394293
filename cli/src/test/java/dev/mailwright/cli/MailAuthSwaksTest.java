package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.auth.AuthenticationInput;
import dev.mailwright.core.auth.AuthenticationVerdict;
import dev.mailwright.core.auth.DmarcResult;
import dev.mailwright.core.auth.MessageAuthenticator;
import dev.mailwright.core.auth.SpfResult;
import dev.mailwright.core.dkim.DkimKeyRecord;
import dev.mailwright.core.dkim.DkimResult;
import dev.mailwright.core.dkim.DkimVerifier;
import dev.mailwright.core.testing.DkimPeers;
import dev.mailwright.core.testing.Peers;
import dev.mailwright.dns.DnsDkimKeyLookup;
import dev.mailwright.dns.DnsDmarcPolicyLookup;
import dev.mailwright.dns.DnsSpfEvaluator;
import dev.mailwright.dns.ResolverSettings;
import dev.mailwright.dns.testing.KnotServer;
import dev.mailwright.dns.testing.MailAuthZone;
import dev.mailwright.dns.testing.SilentServers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The sender verification end to end: swaks (a real SMTP client) sends replies from 127.0.0.1 (in
 * sender.test's SPF record) or 127.0.0.2 (not in it), DKIM-signed by dkimpy or not, to an SMTP
 * server in the test (SubEthaSMTP) that records the client address, the HELO name, the envelope
 * sender and the bytes; MessageAuthenticator then evaluates them against a Knot server publishing
 * the SPF, DKIM and DMARC records (MailAuthZone), and its DMARC decisions are checked.
 */
class MailAuthSwaksTest {
    private static final KeyPair KEY = DkimPeers.rsa();
    private static KnotServer knot;
    private static SMTPServer server;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    /** What the server saw of one message. */
    record Received(InetAddress client, String helo, String mailFrom, byte[] data) {
    }

    @BeforeAll
    static void start() {
        knot = KnotServer.start(Map.of("test", MailAuthZone.zone(Map.of("sel._domainkey.sender",
                DkimKeyRecord.format(KEY.getPublic())))), Set.of());
        server = SMTPServer.port(Peers.freePort()).bindAddress(InetAddress.getLoopbackAddress()).hostName("mx.ghe.example.com")
                .messageHandler((ctx, from, to, data) -> RECEIVED.add(new Received(
                        ((InetSocketAddress) ctx.getRemoteAddress()).getAddress(), ctx.getHelo().orElse(""), from, data)))
                .build();
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        knot.close();
    }

    private static MessageAuthenticator authenticator(ResolverSettings resolver) {
        return MessageAuthenticator.builder().authServId("mx.ghe.example.com").spf(DnsSpfEvaluator.of(resolver))
                .dmarc(DnsDmarcPolicyLookup.of(resolver))
                .dkim(DkimVerifier.builder().keyLookup(DnsDkimKeyLookup.of(resolver)).build()).build();
    }

    private static ResolverSettings knotResolver() {
        return ResolverSettings.of(knot.address()).withTimeout(Duration.ofSeconds(2));
    }

    private Path message(String from, boolean signed, boolean tamper) throws Exception {
        String text = "From: Mona <" + from + ">\nTo: reply+i-1-x-5@reply.ghe.example.com\nSubject: Re: [octo/hello] Bug (#1)\n"
                + "Date: Thu, 26 Nov 2026 19:00:00 +0000\nMessage-ID: <" + System.nanoTime() + "@client.test>\n\n"
                + "Thanks, this fixes it.\n";
        Path file = Files.writeString(dir.resolve("m-" + System.nanoTime() + ".eml"), text);
        if (signed) {
            String signedText = new String(DkimPeers.dkimpySign(file, "sender.test", "sel", KEY.getPrivate(), false),
                    StandardCharsets.ISO_8859_1);
            Files.writeString(file, tamper ? signedText.replace("fixes it", "breaks it") : signedText,
                    StandardCharsets.ISO_8859_1);
        }
        return file;
    }

    /** Sends with swaks from the given local address and returns what the server received. */
    private static Received swaks(String localIp, String mailFrom, Path data) throws Exception {
        int before = RECEIVED.size();
        Path swaks = Peers.require("swaks", "swaks");
        Process p = new ProcessBuilder(swaks.toString(), "--server", "127.0.0.1:" + server.getPortAllocated(),
                "--local-interface", localIp, "--helo", "client.test", "--from", mailFrom,
                "--to", "reply+i-1-x-5@reply.ghe.example.com", "--data", data.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(RECEIVED).hasSize(before + 1);
        return RECEIVED.get(before);
    }

    private static AuthenticationVerdict verify(Received r) {
        return authenticator(knotResolver()).verify(AuthenticationInput.of(r.client(), r.helo(), r.mailFrom(), r.data()));
    }

    @Test
    void alignedSpfAndDkim_pass_andTheServerSawTheClientAddressAndEnvelope() throws Exception {
        Received r = swaks("127.0.0.1", "mona@sender.test", message("mona@sender.test", true, false));
        assertThat(r.client().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(r.helo()).isEqualTo("client.test");
        assertThat(r.mailFrom()).isEqualTo("mona@sender.test");
        AuthenticationVerdict v = verify(r);
        assertThat(v.spf().result()).isEqualTo(SpfResult.PASS);
        assertThat(v.dkim().signatures()).extracting(s -> s.result()).containsExactly(DkimResult.PASS);
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.PASS);
        assertThat(v.authenticationResults()).startsWith("mx.ghe.example.com; spf=pass smtp.mailfrom=mona@sender.test;"
                + " dkim=pass header.d=sender.test header.s=sel header.b=").endsWith(
                "dmarc=pass (p=reject dis=none) header.from=sender.test");
    }

    @Test
    void aForgedUnsignedReply_fromAnAddressOutsideSpf_failsDmarc_withTheRejectPolicy() throws Exception {
        AuthenticationVerdict v = verify(swaks("127.0.0.2", "mona@sender.test", message("mona@sender.test", false, false)));
        assertThat(v.spf().result()).isEqualTo(SpfResult.FAIL);
        assertThat(v.dkim().isNone()).isTrue();
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.FAIL);
        assertThat(v.dmarc().disposition()).isEqualTo("reject");
        assertThat(v.authenticationResults()).contains("spf=fail").contains("dkim=none").contains("dmarc=fail (p=reject dis=reject)");
    }

    @Test
    void aValidSignatureAlone_passesDmarc_whenSpfFails() throws Exception {
        AuthenticationVerdict v = verify(swaks("127.0.0.2", "mona@sender.test", message("mona@sender.test", true, false)));
        assertThat(v.spf().result()).isEqualTo(SpfResult.FAIL);
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.PASS);
        assertThat(v.dmarc().dkimAligned()).isTrue();
    }

    @Test
    void aSignatureBrokenOnTheWay_andSpfFail_failDmarc() throws Exception {
        AuthenticationVerdict v = verify(swaks("127.0.0.2", "mona@sender.test", message("mona@sender.test", true, true)));
        assertThat(v.dkim().signatures().get(0).result()).isEqualTo(DkimResult.FAIL);
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.FAIL);
    }

    @Test
    void spfPassForAnotherDomain_isNotAligned_andFails() throws Exception {
        AuthenticationVerdict v = verify(swaks("127.0.0.1", "bounces@nodmarc.test", message("mona@sender.test", false, false)));
        assertThat(v.spf().result()).isEqualTo(SpfResult.PASS);
        assertThat(v.spf().domain()).isEqualTo("nodmarc.test");
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.FAIL);
    }

    @Test
    void aSubdomainSender_alignsRelaxed_underTheOrganizationalDomainsPolicy() throws Exception {
        AuthenticationVerdict v = verify(swaks("127.0.0.1", "mona@sender.test", message("mona@news.sender.test", false, false)));
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.PASS);
        assertThat(v.dmarc().policyDomain()).isEqualTo("sender.test");
        assertThat(v.dmarc().policy()).isEqualTo("quarantine");
    }

    @Test
    void aDomainWithoutDmarc_isNone() throws Exception {
        AuthenticationVerdict v = verify(swaks("127.0.0.2", "x@nodmarc.test", message("x@nodmarc.test", false, false)));
        assertThat(v.spf().result()).isEqualTo(SpfResult.FAIL);
        assertThat(v.dmarc().result()).isEqualTo(DmarcResult.NONE);
    }

    @Test
    void dnsThatDoesNotAnswer_givesTemperrors_neverAPass() throws Exception {
        Received r = swaks("127.0.0.1", "mona@sender.test", message("mona@sender.test", true, false));
        try (SilentServers.DeadResolver dead = new SilentServers.DeadResolver()) {
            AuthenticationVerdict v = authenticator(ResolverSettings.of(dead.address()).withTimeout(Duration.ofMillis(300)))
                    .verify(AuthenticationInput.of(r.client(), r.helo(), r.mailFrom(), r.data()));
            assertThat(v.spf().result()).isEqualTo(SpfResult.TEMPERROR);
            assertThat(v.dkim().signatures().get(0).result()).isEqualTo(DkimResult.TEMPERROR);
            assertThat(v.dmarc().result()).isEqualTo(DmarcResult.TEMPERROR);
            assertThat(v.authenticationResults()).contains("spf=temperror").contains("dkim=temperror").contains("dmarc=temperror");
        }
    }
}
