package dev.mailwright.smtp.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** MIME boundary suppliers. */
public final class Boundaries {
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Boundaries() {
    }

    /**
     * @return a supplier of random boundaries such as {@code --==_mimepart_3fQ9...} (28 random
     *     characters, 166 bits: a boundary only has to be absent from the parts, which are 7bit or
     *     quoted-printable text, so no secure random source, and no system call, is needed)
     */
    public static Supplier<String> random() {
        return () -> {
            char[] out = new char[28];
            for (int i = 0; i < out.length; i++) {
                out[i] = ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length()));
            }
            return "--==_mimepart_" + new String(out);
        };
    }
}
