package dev.mailwright.smtp.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.smtp.FailureCategory;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.testing.Peers;
import dev.mailwright.smtp.testmail.EmailSettingsTester;
import dev.mailwright.smtp.testmail.TestEmailResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analyzer's fine failure classes and the sender's categories tell a program the same thing. */
class FailureClassCategoryTest {

    @Test
    void temporaryClasses_haveTransientCategories() {
        for (FailureClass c : FailureClass.values()) {
            if (c.isTransient()) {
                assertThat(c.category().isTransient()).as(c.name()).isTrue();
            }
            // one answer: a class is transient exactly when its category is (CONNECT_TIMEOUT disagreed before)
            assertThat(c.isTransient()).as(c.name()).isEqualTo(c.category().isTransient());
        }
        assertThat(FailureClass.AUTH_REJECTED.category()).isEqualTo(FailureCategory.AUTHENTICATION);
        assertThat(FailureClass.CERTIFICATE_HOST_MISMATCH.category()).isEqualTo(FailureCategory.CERTIFICATE);
        assertThat(FailureClass.STARTTLS_NOT_OFFERED.category()).isEqualTo(FailureCategory.TLS_REQUIRED);
    }

    @Test
    void aRefusedRelay_isTheSameCategoryForTheTestEmailAndForASend() {
        int port = Peers.freePort();
        try (Peers.PeerProcess sink = Peers.start(port, List.of(Peers.require("smtp-sink", "postfix").toString(), "-u", "nobody",
                "-B", "554 5.7.1 <admin@example.net>: Relay access denied", "-f", "RCPT", "127.0.0.1:" + port, "10"))) {
            EmailSettings settings = EmailSettings.builder().smtpHost("127.0.0.1").port(port)
                    .security(ConnectionSecurity.NONE).noReplyAddress("noreply@ghe.example.com")
                    .hostname("ghe.example.com").heloDomain("ghe.example.com").build();
            TestEmailResult result = EmailSettingsTester.builder().build().send(settings, "admin@example.net");
            assertThat(result).isInstanceOf(TestEmailResult.Failed.class);
            FailureClass failure = ((TestEmailResult.Failed) result).failureClass();
            assertThat(failure).isEqualTo(FailureClass.RELAY_DENIED);
            assertThat(failure.category()).isEqualTo(FailureCategory.RELAY_DENIED);
        }
    }
}
