package dev.mailwright.core.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Allows the inbound pipeline one rejection notice per sender and reason per window (a UTC day),
 * across restarts and across every pipeline that shares it, so that a sender whose replies are
 * refused is told once rather than once per message. The inbound module's file throttle (in the
 * pipeline's ledger directory) is the default; the outbox module's PostgreSQL throttle serves
 * pipelines on several nodes.
 *
 * <p>Contract: of concurrent calls for one sender and reason in one window, on every instance
 * sharing the storage, at most one returns true, and its grant is durable before it returns. When
 * the storage cannot be reached it returns false (no notice is better than one too many) and logs
 * why; it never throws for that.
 */
@FunctionalInterface
public interface NoticeThrottle {

    /**
     * @param sender the sender's address
     * @param code the reason's code, such as {@code sender.rejected}
     * @return true, and durably records it, when no notice went to that sender for that reason in the
     *     current window; false otherwise
     */
    boolean tryAcquire(String sender, String code);

    /**
     * The key a throttle stores instead of the address: no address in clear at rest.
     *
     * @param sender the sender's address (case-insensitive)
     * @param code the reason's code
     * @return 32 hex digits of SHA-256 over both
     */
    static String key(String sender, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((sender.toLowerCase(Locale.ROOT) + "\n" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
