package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: every inbound builder refuses a property set twice or to null, naming the builder and the property. */
class InboundBuildersTest {
    @TempDir
    Path dir;

    @Test
    void theListenersBuilder_refusesAPropertySetTwice_orToNull() {
        assertThatThrownBy(() -> InboundListener.builder().port(0).port(2525)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("InboundListener.Builder: port was already set to 0;");
        assertThatThrownBy(() -> InboundListener.builder().maildir(dir).maildir(dir.resolve("other")))
                .hasMessageStartingWith("InboundListener.Builder: maildir was already set to " + dir);
        assertThatThrownBy(() -> InboundListener.builder().enforceTls(false).enforceTls(true))
                .hasMessageContaining("enforceTls was already set to false");
        assertThatThrownBy(() -> InboundListener.builder().spool(null)).isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("InboundListener.Builder: spool must not be null");
        assertThatThrownBy(() -> InboundListener.builder().tls(null)).hasMessageContaining("tls must not be null");
        assertThatThrownBy(() -> InboundListener.builder().authServIds("a").authServIds("b"))
                .hasMessageContaining("authServIds was already set");
    }

    @Test
    void theSourceBuilders_refuseAPropertySetTwice_orToNull() {
        assertThatThrownBy(() -> MaildirSource.builder(dir).maxMessageBytes(10).maxMessageBytes(20))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("MaildirSource.Builder: maxMessageBytes was already set to 10;");
        assertThatThrownBy(() -> MaildirSource.builder(dir).clock(null)).isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("MaildirSource.Builder: clock must not be null");
        MailboxAccount imap = MailboxAccount.builder(URI.create("imaps://replies@127.0.0.1:993/INBOX"))
                .password(Secret.of("pw")).build();
        assertThatThrownBy(() -> ImapSource.builder(imap).stateDirectory(dir).stateDirectory(dir))
                .hasMessageStartingWith("ImapSource.Builder: stateDirectory was already set to " + dir);
        assertThatThrownBy(() -> ImapSource.builder(imap).pollInterval(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(2)))
                .hasMessageStartingWith("ImapSource.Builder: pollInterval was already set to PT1S");
        MailboxAccount pop = MailboxAccount.builder(URI.create("pop3s://replies@127.0.0.1:995")).password(Secret.of("pw")).build();
        assertThatThrownBy(() -> Pop3Source.builder(pop).leaveOnServer(true).leaveOnServer(false))
                .hasMessageStartingWith("Pop3Source.Builder: leaveOnServer was already set to true");
        assertThatThrownBy(() -> Pop3Source.builder(pop).clock(Clock.systemUTC()).clock(Clock.systemUTC()))
                .hasMessageStartingWith("Pop3Source.Builder: clock was already set");
    }

    @Test
    void theAccountsBuilder_refusesASecondPassword_withoutPrintingIt() {
        assertThatThrownBy(() -> MailboxAccount.builder(URI.create("imaps://replies@127.0.0.1/INBOX"))
                .password(Secret.of("first-secret")).password(Secret.of("second-secret")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("MailboxAccount.Builder: password was already set")
                .hasMessageNotContaining("first-secret");
        assertThatThrownBy(() -> MailboxAccount.builder(URI.create("imaps://replies@127.0.0.1/INBOX"))
                .security(ConnectionSecurity.IMPLICIT_TLS).security(ConnectionSecurity.NONE))
                .hasMessageContaining("security was already set");
    }
}
