package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.Secret;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POP3 requires TLS by default (issue 19): against a POP3 server without STLS (GreenMail), a
 * {@code pop3://} account with the default security never sends the password, claims nothing, says
 * why, and leaves the mail on the server.
 */
class Pop3TlsRequiredTest {
    @TempDir
    Path dir;

    @Test
    void aPop3ServerWithoutStls_isNeverLoggedInto_byDefault() throws Exception {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3).dynamicPort());
        g.start();
        try {
            GreenMailUser u = g.getUserManager().createUser("replies@example.test", "replies", "secret");
            u.deliver(new MimeMessage(null, new ByteArrayInputStream(Fixtures.reply("<pop@me.com>", Fixtures.replyAddress(3, 5),
                    "kept").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
            MailboxAccount account = MailboxAccount.builder(URI.create("pop3://replies@127.0.0.1:" + g.getPop3().getPort()))
                    .password(Secret.of("secret")).timeout(Duration.ofSeconds(10)).build();
            assertThat(account.security()).isEqualTo(ConnectionSecurity.STARTTLS_REQUIRED);
            try (Pop3Source pop3 = Pop3Source.builder(account).stateDirectory(dir.resolve("pop3"))
                    .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(100)).open()) {
                assertThat(pop3.claim(10)).isEmpty();
                assertThat(pop3.connectionProblem()).isPresent();
                assertThat(pop3.connectionProblem().orElseThrow()).contains("TLS").doesNotContain("secret");
            }
            assertThat(g.getReceivedMessages()).hasSize(1);
        } finally {
            g.stop();
        }
    }
}
