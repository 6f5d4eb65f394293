package dev.mailwright.smtp.internal;

import java.security.SecureRandom;
import java.util.function.Supplier;

/** MIME boundary suppliers. */
public final class Boundaries {
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Boundaries() {
    }

    /** @return a supplier of random boundaries such as {@code --==_mimepart_3fQ9...} (28 random characters) */
    public static Supplier<String> random() {
        return () -> {
            char[] out = new char[28];
            for (int i = 0; i < out.length; i++) {
                out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
            }
            return "--==_mimepart_" + new String(out);
        };
    }
}
