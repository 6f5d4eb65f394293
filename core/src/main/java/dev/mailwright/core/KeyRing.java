package dev.mailwright.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The keys that sign and verify reply addresses: one signing key and any number of verify-only
 * keys, so that a key can be rotated without breaking replies to older notifications.
 *
 * <p>Rotation: add the new key as the signing key and keep the old one as verify-only for as long
 * as people may answer old notifications; then drop it.
 *
 * <p>Key files hold one key per line, hex or base64 ({@code base64:} prefix optional), the signing
 * key first; blank lines and lines starting with {@code #} are ignored. Keys shorter than
 * {@value #MIN_KEY_BYTES} bytes are refused. A key ring never prints its keys.
 */
public final class KeyRing {
    /** The shortest key accepted, in bytes (256 bits). */
    public static final int MIN_KEY_BYTES = 32;
    /** The environment variable {@link #fromEnvironment(Map)} reads: keys separated by commas. */
    public static final String ENV_VARIABLE = "MAILWRIGHT_REPLY_KEYS";

    private final byte[] signingKey;
    private final List<byte[]> verifyOnlyKeys;

    private KeyRing(byte[] signingKey, List<byte[]> verifyOnlyKeys) {
        this.signingKey = checked(signingKey, "signing key").clone();
        List<byte[]> copies = new ArrayList<>();
        for (byte[] key : verifyOnlyKeys) {
            copies.add(checked(key, "verify-only key").clone());
        }
        this.verifyOnlyKeys = List.copyOf(copies);
    }

    /**
     * @param signingKey the key new addresses are signed with, at least 32 bytes
     * @param verifyOnlyKeys older keys still accepted when verifying
     * @return a key ring
     * @throws IllegalArgumentException when a key is shorter than 32 bytes
     */
    public static KeyRing of(byte[] signingKey, byte[]... verifyOnlyKeys) {
        return new KeyRing(signingKey, List.of(verifyOnlyKeys));
    }

    /**
     * Reads a key file (see the class description).
     *
     * @param file the key file
     * @return the key ring it describes
     * @throws MailwrightException when the file cannot be read or holds no valid key; the message
     *     names the file and the line, never the key
     */
    public static KeyRing fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MailwrightException("Cannot read the reply-address key file " + file
                    + ": " + IoErrors.describe(e) + ". Create it with `mailwright address new-key > FILE`"
                    + " or point --key-file at an existing one.", e);
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            keys.add(parseKey(line, file + " line " + (i + 1)));
        }
        return fromKeys(keys, "key file " + file);
    }

    /**
     * Reads {@value #ENV_VARIABLE}: keys in hex or base64 separated by commas, the signing key first.
     *
     * @param environment usually {@code System.getenv()}
     * @return the key ring
     * @throws MailwrightException when the variable is missing or a key is invalid
     */
    public static KeyRing fromEnvironment(Map<String, String> environment) {
        String value = environment.get(ENV_VARIABLE);
        if (value == null || value.isBlank()) {
            throw new MailwrightException("The environment variable " + ENV_VARIABLE
                    + " is not set: set it to one or more keys of at least " + MIN_KEY_BYTES
                    + " bytes (hex or base64), separated by commas, the signing key first.");
        }
        List<byte[]> keys = new ArrayList<>();
        String[] parts = value.split(",");
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                keys.add(parseKey(parts[i].strip(), ENV_VARIABLE + " entry " + (i + 1)));
            }
        }
        return fromKeys(keys, "environment variable " + ENV_VARIABLE);
    }

    private static KeyRing fromKeys(List<byte[]> keys, String where) {
        if (keys.isEmpty()) {
            throw new MailwrightException("The " + where + " holds no key: add at least one key of "
                    + MIN_KEY_BYTES + " bytes or more (hex or base64).");
        }
        return new KeyRing(keys.get(0), keys.subList(1, keys.size()));
    }

    private static byte[] parseKey(String text, String where) {
        String t = text.startsWith("base64:") ? text.substring("base64:".length()) : text;
        byte[] key;
        if (!text.startsWith("base64:") && t.length() % 2 == 0 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            key = HexFormat.of().parseHex(t);
        } else {
            try {
                key = Base64.getDecoder().decode(t);
            } catch (IllegalArgumentException e) {
                throw new MailwrightException("The key at " + where
                        + " is neither hex nor base64: write each key as hex digits or base64.");
            }
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new MailwrightException("The key at " + where + " has " + key.length
                    + " bytes; reply-address keys need at least " + MIN_KEY_BYTES
                    + " bytes. Generate one with `mailwright address new-key`.");
        }
        return key;
    }

    private static byte[] checked(byte[] key, String what) {
        Objects.requireNonNull(key, what);
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The " + what + " has " + key.length
                    + " bytes; reply-address keys need at least " + MIN_KEY_BYTES + " bytes");
        }
        return key;
    }

    /** @return a new random key of 32 bytes as lower-case hex, for a new key file */
    public static String generateHexKey() {
        byte[] key = new byte[MIN_KEY_BYTES];
        new java.security.SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    byte[] signingKey() {
        return signingKey;
    }

    List<byte[]> verifyOnlyKeys() {
        return verifyOnlyKeys;
    }

    /** @return how many keys verify (the signing key included) */
    public int size() {
        return 1 + verifyOnlyKeys.size();
    }

    /** @return a description without any key material */
    @Override
    public String toString() {
        return "KeyRing[signing key + " + verifyOnlyKeys.size() + " verify-only key(s)]";
    }
}
