package dev.mailwright.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One DKIM key of the settings: the selector it is published under and the PEM file of its private
 * key. The file's content is a secret (never printed, never put in a support bundle); its path is
 * not. The values are checked by {@link EmailSettings#validate()}, not here, so that every problem
 * can be reported at once.
 *
 * @param selector the selector, such as {@code mw2025}: the key is published at
 *     {@code <selector>._domainkey.<dkim domain>}
 * @param file the private key's PEM file (PKCS#8 {@code PRIVATE KEY} or {@code RSA PRIVATE KEY}, unencrypted)
 */
public record DkimKeyFile(String selector, Path file) {
    /** Validates: no null component. */
    public DkimKeyFile {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(file, "file");
    }
}
