package dev.mailwright.smtp.testsupport;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Secret;
import java.time.Duration;

/** Settings for tests against local peers: short timeouts, a valid no-reply address and host name. */
public final class TestSettings {
    /** The password used in tests; it must never show in a transcript, a log line or an exception. */
    public static final String PASSWORD = "s3cret-Pa55word!";

    private TestSettings() {
    }

    /** @return settings for host:port with the given security and no authentication, each changeable once */
    public static EmailSettings.Builder plain(String host, int port, ConnectionSecurity security) {
        return EmailSettings.builder().smtpHost(host).port(port).security(security).auth(AuthMethod.NONE)
                .heloDomain("ghe.example.com").noReplyAddress("noreply@ghe.example.com").hostname("ghe.example.com")
                .connectTimeout(Duration.ofSeconds(3)).readTimeout(Duration.ofSeconds(3)).writeTimeout(Duration.ofSeconds(3))
                .build().toBuilder();
    }

    /** @return settings with LOGIN authentication as {@link SubethaServer#USER} */
    public static EmailSettings.Builder login(String host, int port, ConnectionSecurity security, String password) {
        return plain(host, port, security).auth(AuthMethod.LOGIN).username(SubethaServer.USER).password(Secret.of(password))
                .build().toBuilder();
    }
}
