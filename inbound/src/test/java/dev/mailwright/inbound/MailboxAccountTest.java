package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.Secret;
import java.net.URI;
import org.junit.jupiter.api.Test;

class MailboxAccountTest {
    private static MailboxAccount.Builder builder(String uri) {
        return MailboxAccount.builder(URI.create(uri));
    }

    @Test
    void uri_givesProtocolTlsPortUserAndFolder_withTlsRequiredByDefault() {
        MailboxAccount imaps = builder("imaps://replies%40example.com@mail.example.com/Replies/GHE").password(Secret.of("pw")).build();
        assertThat(imaps.protocol()).isEqualTo(MailboxAccount.Protocol.IMAP);
        assertThat(imaps.security()).isEqualTo(ConnectionSecurity.IMPLICIT_TLS);
        assertThat(imaps.port()).isEqualTo(993);
        assertThat(imaps.user()).isEqualTo("replies@example.com");
        assertThat(imaps.folder()).isEqualTo("Replies/GHE");
        MailboxAccount imap = builder("imap://u@mail.example.com").password(Secret.of("pw")).build();
        assertThat(imap.security()).isEqualTo(ConnectionSecurity.STARTTLS_REQUIRED);
        assertThat(imap.port()).isEqualTo(143);
        assertThat(imap.folder()).isEqualTo("INBOX");
        MailboxAccount pop = builder("pop3://u@mail.example.com:1110").password(Secret.of("pw")).build();
        assertThat(pop.security()).isEqualTo(ConnectionSecurity.STARTTLS_REQUIRED);
        assertThat(pop.port()).isEqualTo(1110);
        assertThat(builder("pop3s://u@h.example.com").password(Secret.of("pw")).build().port()).isEqualTo(995);
    }

    @Test
    void aPasswordInTheUri_isRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> builder("imaps://u:hunter2@mail.example.com/INBOX"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong in the URI")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void badUris_sayWhatIsWrong() {
        assertThatThrownBy(() -> builder("http://u@h.example.com")).hasMessageContaining("imap, imaps, pop3 or pop3s");
        assertThatThrownBy(() -> builder("imaps://h.example.com")).hasMessageContaining("give the user and the host");
        assertThatThrownBy(() -> builder("pop3s://u@h.example.com/Archive")).hasMessageContaining("POP3 has only the INBOX");
    }

    @Test
    void exactlyOneCredential_andToStringShowsNoSecret() {
        assertThatThrownBy(() -> builder("imaps://u@h.example.com").build()).hasMessageContaining("got neither");
        assertThatThrownBy(() -> builder("imaps://u@h.example.com").password(Secret.of("p")).oauth2(() -> Secret.of("t")).build())
                .hasMessageContaining("got both");
        MailboxAccount a = builder("imaps://u@h.example.com").password(Secret.of("s3cret-pw")).build();
        assertThat(a.toString()).isEqualTo("imaps://u@h.example.com:993/INBOX").doesNotContain("s3cret");
        MailboxAccount plain = builder("imap://u@h.example.com").password(Secret.of("p")).security(ConnectionSecurity.NONE).build();
        assertThat(plain.toString()).endsWith("(no TLS)");
        MailboxAccount failing = builder("imaps://u@h.example.com").oauth2(() -> null).build();
        assertThatThrownBy(failing::credential).isInstanceOf(InboundException.class).hasMessageContaining("gave no token");
    }
}
