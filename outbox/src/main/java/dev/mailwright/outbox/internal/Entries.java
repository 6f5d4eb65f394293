package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.spi.NewEntry;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/** Makes the stored entry of a composed notification, and its idempotency key. */
public final class Entries {
    /** The longest idempotency key. */
    public static final int MAX_KEY = 200;

    private Entries() {
    }

    /**
     * @param n the notification
     * @param m its composed message (one recipient)
     * @param key the host's idempotency key, or null to derive one
     * @param now when it is enqueued (and due)
     * @return the entry to store
     */
    public static NewEntry of(Notification n, OutgoingMessage m, String key, Instant now) {
        String recipient = m.recipients().get(0);
        String k = key == null ? derivedKey(m.messageId(), recipient) : checkKey(key);
        return new NewEntry(k, domain(recipient), recipient, m.envelopeFrom(), m.messageId(), summary(n), m.content(), now, now);
    }

    /**
     * @param messageId the Message-ID
     * @param recipient the recipient
     * @return {@code m1-} and the SHA-256 of both: the same notification for the same person has the same key
     */
    public static String derivedKey(String messageId, String recipient) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((messageId + "\n" + recipient.toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            return "m1-" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * @param key a host's key
     * @return the key
     * @throws IllegalArgumentException when it is empty, longer than 200 characters or not printable ASCII
     */
    public static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY || !key.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            throw new IllegalArgumentException("idempotency key '" + key + "' must be 1 to " + MAX_KEY
                    + " printable ASCII characters without spaces, such as comment-1234-user-5");
        }
        return key;
    }

    /** @param address an email address @return its domain, lower case */
    public static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static String summary(Notification n) {
        String s = "[" + n.thread().repositoryPath() + "] " + n.title() + " (" + n.thread().displayKey() + ")";
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }
}
