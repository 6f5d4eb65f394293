package dev.mailwright.smtp;

import dev.mailwright.core.DkimKeyFile;
import dev.mailwright.core.DkimSettings;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.dkim.DkimAlgorithm;
import dev.mailwright.core.dkim.DkimSigner;
import dev.mailwright.core.dkim.DkimSigningKey;
import dev.mailwright.smtp.internal.DkimPem;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DKIM keys from PEM files: what the settings' {@code mailwright.dkim.*} keys name becomes a
 * {@link DkimSigner}, which {@link NotificationMailer} uses to sign every message it composes.
 *
 * <pre>{@code
 * DkimSigningKey key = DkimKeys.fromPem("ed2025", Path.of("/etc/mailwright/ed2025.pem"));
 * System.out.println(key.dnsName("ghe.example.com") + " TXT \"" + key.dnsRecord() + "\"");
 * }</pre>
 *
 * <p>PEM parsing is Bouncy Castle's (PKCS#8 {@code PRIVATE KEY} as {@code openssl genpkey} and
 * {@code opendkim-genkey} write it, PKCS#1 {@code RSA PRIVATE KEY}); the keys are the JDK's. The
 * signer built from the settings signs RSA with the JDK and Ed25519 through a Bouncy Castle
 * provider instance (not registered globally), many times faster than the JDK 17's Ed25519. Encrypted keys are refused with
 * the command that decrypts them.
 */
public final class DkimKeys {
    private DkimKeys() {
    }

    /**
     * @param selector the selector the public key is published under
     * @param file an unencrypted PEM private key: RSA of 2048 bits or more, or Ed25519
     * @return the key
     * @throws SmtpException naming the file and what to do when it cannot be used
     */
    public static DkimSigningKey fromPem(String selector, Path file) {
        DkimSigningKey.requireSelector(selector);
        return DkimPem.read(selector, Objects.requireNonNull(file, "file"));
    }

    /**
     * @param settings the settings
     * @return every key of {@code mailwright.dkim.selector} / {@code key-file}, in order; empty when none is set
     * @throws SmtpException listing every key file that cannot be used
     */
    public static List<DkimSigningKey> fromSettings(EmailSettings settings) {
        List<DkimSigningKey> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (DkimKeyFile k : settings.dkim().keys()) {
            try {
                keys.add(fromPem(k.selector(), k.file()));
            } catch (SmtpException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new SmtpException(String.join(" ", problems));
        }
        return keys;
    }

    /**
     * @param settings the settings: DKIM keys and signing domain
     * @param clock the clock of the signatures' {@code t=}
     * @return the signer (Ed25519 through Bouncy Castle's provider instance), or empty when the
     *     settings name no DKIM key
     * @throws SmtpException when a key file cannot be used or no signing domain is known
     */
    public static Optional<DkimSigner> signer(EmailSettings settings, Clock clock) {
        DkimSettings dkim = settings.dkim();
        if (!dkim.isEnabled()) {
            return Optional.empty();
        }
        String domain = dkim.signingDomain(settings.noReplyAddress().orElse(null)).orElseThrow(() -> new SmtpException(
                "DKIM keys are set but there is no signing domain: set mailwright.dkim.domain or the no-reply address"));
        try {
            return Optional.of(DkimSigner.builder().domain(domain).keys(fromSettings(settings)).clock(clock)
                    .provider(DkimAlgorithm.ED25519_SHA256, DkimPem.signingProvider()).build());
        } catch (IllegalArgumentException e) {
            throw new SmtpException("Cannot sign with the DKIM settings: " + e.getMessage(), e);
        }
    }
}
