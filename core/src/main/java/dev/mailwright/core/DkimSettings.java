package dev.mailwright.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the settings say about DKIM signing: the signing domain ({@code d=}) and the keys, each
 * giving one signature (an RSA and an Ed25519 key give a dual signature; an old and a new key sign
 * side by side during a rotation). No key: messages are not signed. The values are checked by
 * {@link EmailSettings#validate()}.
 *
 * @param domain the signing domain, or null for the domain of the no-reply address
 * @param keys the keys, in the order of the signatures
 */
public record DkimSettings(String domain, List<DkimKeyFile> keys) {
    /** No DKIM signing. */
    public static final DkimSettings NONE = new DkimSettings(null, List.of());

    /** Copies the list. */
    public DkimSettings {
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
    }

    /** @return true when at least one key is configured */
    public boolean isEnabled() {
        return !keys.isEmpty();
    }

    /**
     * @param noReplyAddress the no-reply address, or null
     * @return the domain to sign for: {@link #domain()} in lower case when set, otherwise the
     *     no-reply address's domain; empty when neither is known
     */
    public Optional<String> signingDomain(String noReplyAddress) {
        if (domain != null) {
            return Optional.of(domain.strip().toLowerCase(Locale.ROOT));
        }
        if (noReplyAddress == null || !EmailAddresses.isValid(noReplyAddress)) {
            return Optional.empty();
        }
        return Optional.of(noReplyAddress.substring(noReplyAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
    }
}
