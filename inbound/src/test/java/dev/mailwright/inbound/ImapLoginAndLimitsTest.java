package dev.mailwright.inbound;

import static dev.mailwright.inbound.Fixtures.reply;
import static dev.mailwright.inbound.Fixtures.replyAddress;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.Secret;
import dev.mailwright.core.testing.Dovecot;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the IMAP source logs in and what it refuses to download: TLS required by default (a server
 * without STARTTLS, a certificate nobody trusts), XOAUTH2 with a token supplier (GreenMail), large
 * bodies in parts through a file, over-size messages filed unread.
 */
class ImapLoginAndLimitsTest {
    @TempDir
    Path dir;

    private final List<String> handled = new CopyOnWriteArrayList<>();

    private InboundPipeline pipeline() {
        return InboundPipeline.builder().keyRing(Fixtures.KEYS).hostname(Fixtures.HOST).ledgerDirectory(dir.resolve("ledger"))
                .handler(r -> handled.add(r.messageId())).build();
    }

    private ImapSource.Builder source(MailboxAccount account) {
        return ImapSource.builder(account).stateDirectory(dir.resolve("imap"))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    private static GreenMail greenMail(String user, String password) throws Exception {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        g.start();
        GreenMailUser u = g.getUserManager().createUser(user + "@example.test", user, password);
        u.deliver(new MimeMessage(null, new ByteArrayInputStream(reply("<green@me.com>", replyAddress(3, 5), "green")
                .replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
        return g;
    }

    @Test
    void tlsIsRequiredByDefault_aServerWithoutStartTls_isNeverLoggedInto() throws Exception {
        GreenMail g = greenMail("replies", "secret");
        try (ImapSource imap = source(ImapPeer.plainAccount(g.getImap().getPort(), "replies",
                ConnectionSecurity.STARTTLS_REQUIRED)).open()) {
            MailboxAccount defaults = MailboxAccount.builder(URI.create("imap://replies@127.0.0.1:" + g.getImap().getPort()))
                    .password(Secret.of("secret")).build();
            assertThat(defaults.security()).isEqualTo(ConnectionSecurity.STARTTLS_REQUIRED);
            assertThat(imap.claim(10)).isEmpty();
            assertThat(imap.isConnected()).isFalse();
        } finally {
            g.stop();
        }
    }

    @Test
    void aCertificateThatIsNotTrusted_isRefused() throws Exception {
        try (Dovecot dovecot = Dovecot.start()) {
            dovecot.deliver(reply("<untrusted@me.com>", replyAddress(1, 5), "x").getBytes());
            MailboxAccount jvmTrust = MailboxAccount.builder(URI.create("imaps://" + dovecot.user().replace("@", "%40")
                    + "@127.0.0.1:" + dovecot.imapsPort())).password(Secret.of(dovecot.password())).build();
            try (ImapSource imap = source(jvmTrust).open()) {
                assertThat(imap.claim(10)).isEmpty();
                assertThat(imap.isConnected()).isFalse();
            }
            assertThat(ImapPeer.count(dovecot, "INBOX")).isEqualTo(1);
        }
    }

    @Test
    void xoauth2_logsInWithTheSuppliersToken() throws Exception {
        GreenMail g = greenMail("oauth", "ya29.token-1");
        try {
            MailboxAccount account = MailboxAccount.builder(URI.create("imap://oauth@127.0.0.1:" + g.getImap().getPort()))
                    .oauth2(() -> Secret.of("ya29.token-1")).security(ConnectionSecurity.NONE).build();
            assertThat(account.toString()).contains("XOAUTH2").doesNotContain("ya29");
            try (InboundPipeline pipeline = pipeline(); ImapSource imap = source(account).open()) {
                assertThat(pipeline.drain(imap).delivered()).isEqualTo(1);
            }
            assertThat(handled).containsExactly("<green@me.com>");
            MailboxAccount wrong = MailboxAccount.builder(URI.create("imap://oauth@127.0.0.1:" + g.getImap().getPort()))
                    .oauth2(() -> Secret.of("expired")).security(ConnectionSecurity.NONE).build();
            try (ImapSource imap = source(wrong).open()) {
                assertThat(imap.claim(10)).isEmpty();
                assertThat(imap.isConnected()).isFalse();
            }
        } finally {
            g.stop();
        }
    }

    @Test
    void largeBodiesComeInPartsThroughAFile_andOverSizeMessagesAreFiledUnread() throws Exception {
        String big = reply("<big@me.com>", replyAddress(1, 5), "big reply\n\n" + "x".repeat(76).concat("\n").repeat(4000));
        String huge = reply("<huge@me.com>", replyAddress(2, 5), "y".repeat(76).concat("\n").repeat(20_000));
        try (Dovecot dovecot = Dovecot.start()) {
            dovecot.deliver(big.getBytes());
            dovecot.deliver(huge.getBytes());
            try (InboundPipeline pipeline = pipeline();
                    ImapSource imap = source(ImapPeer.account(dovecot, "INBOX")).streamAbove(64 * 1024)
                            .maxMessageBytes(1 << 20).open()) {
                BatchSummary summary = pipeline.drain(imap);
                assertThat(summary.delivered()).isEqualTo(1);
            }
            assertThat(handled).containsExactly("<big@me.com>");
            String commands = dovecot.imapCommands();
            assertThat(commands).contains("UID FETCH 1 (UID BODY.PEEK[]<0.65536>)").contains("BODY.PEEK[]<262144.65536>")
                    .doesNotContain("UID FETCH 2 (UID BODY");
            assertThat(Files.readString(dir.resolve("imap/filed.log"))).contains("parse.too-large");
            assertThat(ImapPeer.count(dovecot, "Mailwright/Failed")).isEqualTo(1);
            try (var spool = Files.list(dir.resolve("imap/spool"))) {
                assertThat(spool).isEmpty();
            }
        }
    }
}
