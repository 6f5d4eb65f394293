package dev.mailwright.core.dkim;

import dev.mailwright.core.HostNames;
import dev.mailwright.core.MailwrightException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Signs messages with DKIM (RFC 6376): one {@code DKIM-Signature} field per key, so an RSA and an
 * Ed25519 key give the dual signature of RFC 8463, and an old and a new key sign side by side
 * during a rotation. Canonicalization is relaxed/relaxed; no {@code l=} (the whole body is
 * signed). Every header field of {@link #DEFAULT_SIGNED_HEADERS} is signed once more than it
 * appears ("over-signed"), so that none can be added after signing: a second From, or a
 * List-Unsubscribe-Post that RFC 8058 requires to be signed.
 *
 * <pre>{@code
 * DkimSigner signer = DkimSigner.builder()
 *         .domain("ghe.example.com")
 *         .keys(rsaKey, ed25519Key)
 *         .build();
 * byte[] signed = signer.sign(message);
 * }</pre>
 *
 * <p>{@link #sign(byte[])} returns the message with every line end made CRLF and the signature
 * fields in front: the bytes SMTP carries, so the signature holds for exactly what is sent.
 * Immutable and thread-safe.
 */
public final class DkimSigner {
    /** The header fields signed (and over-signed) by default, in the order of {@code h=}. */
    public static final List<String> DEFAULT_SIGNED_HEADERS = List.of("From", "Reply-To", "To", "Cc", "Subject", "Date",
            "Message-ID", "In-Reply-To", "References", "List-Id", "List-Archive", "List-Unsubscribe",
            "List-Unsubscribe-Post", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Auto-Submitted");
    /** The most keys one signer signs with. */
    public static final int MAX_KEYS = 8;
    private static final int MAX_FIELDS = 10_000;
    private static final int WIDTH = 78;

    private final String domain;
    private final List<DkimSigningKey> keys;
    private final List<String> headers;
    private final Clock clock;
    private final Duration expiry;
    private final Map<DkimAlgorithm, Provider> providers;
    private final List<PrivateKey> signingKeys;

    private DkimSigner(Builder b, List<PrivateKey> signingKeys) {
        this.domain = b.domain;
        this.keys = b.keys;
        this.providers = Map.copyOf(b.providers);
        this.signingKeys = signingKeys;
        this.headers = b.headers.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.clock = b.clock;
        this.expiry = b.expiry;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the signing domain, {@code d=} */
    public String domain() {
        return domain;
    }

    /** @return the keys, one signature each */
    public List<DkimSigningKey> keys() {
        return keys;
    }

    /**
     * @param message a message: header fields, an empty line, the body; any line ends
     * @return the message with CRLF line ends and one DKIM-Signature field per key in front
     * @throws IllegalArgumentException when the message has no From field or more than 10,000 header fields
     * @throws MailwrightException when the JDK refuses to sign with a key
     */
    public byte[] sign(byte[] message) {
        byte[] m = Crlf.normalize(Objects.requireNonNull(message, "message"));
        HeaderFields fields = HeaderFields.parse(m, MAX_FIELDS);
        if (fields.truncated()) {
            throw new IllegalArgumentException("the message has more than " + MAX_FIELDS + " header fields");
        }
        Sink.Digest body = new Sink.Digest(SignatureCrypto.sha256(), Long.MAX_VALUE);
        Canonicalization.RELAXED.body(m, fields.bodyStart(), m.length, body);
        String bh = Base64.getEncoder().encodeToString(body.finish());
        Sink.Buffer data = new Sink.Buffer(2048);
        String h = selectHeaders(fields, data);
        long now = clock.instant().getEpochSecond();
        List<byte[]> signatures = new ArrayList<>(keys.size());
        int total = m.length;
        for (int i = 0; i < keys.size(); i++) {
            byte[] field = signatureField(keys.get(i), signingKeys.get(i), h, bh, now, data);
            signatures.add(field);
            total += field.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] f : signatures) {
            System.arraycopy(f, 0, out, at, f.length);
            at += f.length;
        }
        System.arraycopy(m, 0, out, at, m.length);
        return out;
    }

    /** Writes the signed fields, bottom-up per name, and returns the h= value with each name once more. */
    private String selectHeaders(HeaderFields fields, Sink.Buffer data) {
        StringBuilder h = new StringBuilder(512);
        boolean from = false;
        for (String name : headers) {
            int present = 0;
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (fields.nameIs(i, name)) {
                    Canonicalization.RELAXED.header(fields.message(), fields.start(i), fields.colon(i), fields.end(i), true,
                            data);
                    present++;
                }
            }
            from |= name.equals("from") && present > 0;
            for (int k = 0; k <= present; k++) {
                h.append(h.length() == 0 ? "" : ":").append(name);
            }
        }
        if (!from) {
            throw new IllegalArgumentException("the message has no From field; DKIM signs From, add it before signing");
        }
        return h.toString();
    }

    private byte[] signatureField(DkimSigningKey key, PrivateKey signingKey, String h, String bh, long now,
            Sink.Buffer data) {
        Folder f = new Folder("DKIM-Signature:");
        f.token("v=1;").token("a=" + key.algorithm().tag() + ";").token("c=relaxed/relaxed;").token("d=" + domain + ";")
                .token("s=" + key.selector() + ";").token("t=" + now + ";");
        if (expiry != null) {
            f.token("x=" + (now + expiry.toSeconds()) + ";");
        }
        String[] names = h.split(":");
        for (int i = 0; i < names.length; i++) {
            f.token((i == 0 ? "h=" : "") + names[i] + (i == names.length - 1 ? ";" : ":"), i == 0);
        }
        f.token("bh=" + bh + ";").token("b=");
        byte[] unsigned = f.text().getBytes(StandardCharsets.US_ASCII);
        int mark = data.size();
        Canonicalization.RELAXED.header(unsigned, 0, "DKIM-Signature".length(), unsigned.length, false, data);
        byte[] signature;
        try {
            signature = SignatureCrypto.sign(key.algorithm(), signingKey, data.array(), data.size(),
                    providers.get(key.algorithm()));
        } catch (GeneralSecurityException e) {
            throw new MailwrightException("Cannot sign with the DKIM key of selector " + key.selector() + " ("
                    + e.getClass().getSimpleName() + "); check that the key file holds a valid " + key.algorithm().keyType()
                    + " private key.", e);
        } finally {
            data.truncate(mark);
        }
        f.chunks(Base64.getEncoder().encodeToString(signature));
        return (f.text() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        StringBuilder p = new StringBuilder();
        providers.forEach((a, v) -> p.append(", ").append(a.tag()).append(" by ").append(v.getName()));
        return "DkimSigner[d=" + domain + ", keys=" + keys + p + "]";
    }

    /** Folds a header field at token boundaries so that no line passes 78 characters. */
    private static final class Folder {
        private final StringBuilder out = new StringBuilder(768);
        private int line;

        Folder(String start) {
            out.append(start);
            line = start.length();
        }

        Folder token(String t) {
            return token(t, true);
        }

        Folder token(String t, boolean space) {
            if (line + t.length() + (space ? 1 : 0) > WIDTH) {
                out.append("\r\n ");
                line = 1;
            } else if (space) {
                out.append(' ');
                line++;
            }
            out.append(t);
            line += t.length();
            return this;
        }

        /** Appends base64 in pieces, folding between them (FWS may stand anywhere in base64). */
        void chunks(String b64) {
            int i = 0;
            while (i < b64.length()) {
                int room = WIDTH - line;
                if (room < 8) {
                    out.append("\r\n ");
                    line = 1;
                    room = WIDTH - 1;
                }
                int n = Math.min(room, b64.length() - i);
                out.append(b64, i, i + n);
                line += n;
                i += n;
            }
        }

        String text() {
            return out.toString();
        }
    }

    /** Builds a {@link DkimSigner}; each property is set once. Not thread-safe. */
    public static final class Builder {
        private String domain;
        private List<DkimSigningKey> keys;
        private List<String> headers = DEFAULT_SIGNED_HEADERS;
        private boolean headersSet;
        private Clock clock;
        private Duration expiry;
        private final Map<DkimAlgorithm, Provider> providers = new EnumMap<>(DkimAlgorithm.class);

        private Builder() {
        }

        /** @param domain the signing domain {@code d=}, such as {@code ghe.example.com} @return this */
        public Builder domain(String domain) {
            once(this.domain == null, "domain", this.domain);
            this.domain = HostNames.normalize(domain);
            return this;
        }

        /** @param keys one or more keys; each gives one signature @return this */
        public Builder keys(DkimSigningKey... keys) {
            return keys(List.of(keys));
        }

        /** @param keys one or more keys (at most 8), distinct selectors; each gives one signature @return this */
        public Builder keys(List<DkimSigningKey> keys) {
            once(this.keys == null, "keys", this.keys);
            List<DkimSigningKey> list = List.copyOf(keys);
            Set<String> selectors = new HashSet<>();
            for (DkimSigningKey k : list) {
                if (!selectors.add(k.selector().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("two DKIM keys have the selector " + k.selector()
                            + "; each key needs its own selector");
                }
            }
            if (list.isEmpty() || list.size() > MAX_KEYS) {
                throw new IllegalArgumentException("give 1 to " + MAX_KEYS + " DKIM keys, not " + list.size());
            }
            this.keys = list;
            return this;
        }

        /**
         * @param headers the header fields to sign instead of {@link #DEFAULT_SIGNED_HEADERS}; must
         *     include From; each is over-signed
         * @return this
         */
        public Builder signedHeaders(List<String> headers) {
            once(!headersSet, "signedHeaders", this.headers);
            List<String> list = List.copyOf(headers);
            if (list.stream().noneMatch(h -> h.equalsIgnoreCase("from"))) {
                throw new IllegalArgumentException("the signed header fields " + list + " must include From");
            }
            for (String h : list) {
                if (h.isEmpty() || !h.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
                    throw new IllegalArgumentException("'" + Text.printable(h) + "' is not a header field name");
                }
            }
            this.headers = list;
            this.headersSet = true;
            return this;
        }

        /** @param clock the clock of {@code t=}; the system clock by default @return this */
        public Builder clock(Clock clock) {
            once(this.clock == null, "clock", this.clock);
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param expiry how long signatures stay valid ({@code x=}); none by default @return this */
        public Builder expiry(Duration expiry) {
            once(this.expiry == null, "expiry", this.expiry);
            if (expiry.isNegative() || expiry.toSeconds() < 1) {
                throw new IllegalArgumentException("the DKIM signature expiry must be at least one second, was " + expiry);
            }
            this.expiry = expiry;
            return this;
        }

        /**
         * @param algorithm the algorithm whose keys the provider signs with
         * @param provider a JCA provider instance to sign with instead of the JDK's; used directly,
         *     never registered in {@link java.security.Security}. {@code mailwright-smtp-client}
         *     gives Bouncy Castle's for Ed25519, many times faster than the JDK 17's
         *     (docs/performance.md). Each key is translated to the provider's own form once, at
         *     build, and a probe signature is checked with the JDK against the public key.
         * @return this
         */
        public Builder provider(DkimAlgorithm algorithm, Provider provider) {
            Objects.requireNonNull(algorithm, "algorithm");
            once(!providers.containsKey(algorithm), "provider of " + algorithm.tag(), providers.get(algorithm));
            providers.put(algorithm, Objects.requireNonNull(provider, "provider"));
            return this;
        }

        private static void once(boolean unset, String property, Object current) {
            if (!unset) {
                throw new IllegalStateException("DkimSigner: " + property + " was already set to " + current);
            }
        }

        /**
         * @return the signer
         * @throws IllegalStateException naming every missing property
         */
        public DkimSigner build() {
            List<String> missing = new ArrayList<>();
            if (domain == null) {
                missing.add("domain(...) is required, such as the domain of the From address");
            }
            if (keys == null) {
                missing.add("keys(...) is required: at least one RSA or Ed25519 key");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("DkimSigner: " + String.join("; ", missing));
            }
            if (clock == null) {
                clock = Clock.systemUTC();
            }
            return new DkimSigner(this, signingKeys());
        }

        /** @return the keys to sign with: as given, or translated for the provider and checked against the public keys */
        private List<PrivateKey> signingKeys() {
            List<PrivateKey> out = new ArrayList<>(keys.size());
            for (DkimSigningKey k : keys) {
                Provider provider = providers.get(k.algorithm());
                if (provider == null) {
                    out.add(k.privateKey());
                    continue;
                }
                byte[] probe = ("mailwright provider check " + k.selector()).getBytes(StandardCharsets.US_ASCII);
                try {
                    PrivateKey translated = SignatureCrypto.translate(k.algorithm(), k.privateKey(), provider);
                    byte[] sig = SignatureCrypto.sign(k.algorithm(), translated, probe, probe.length, provider);
                    if (!SignatureCrypto.verify(k.algorithm(), k.publicKey(), probe, probe.length, sig)) {
                        throw new IllegalArgumentException("the provider " + provider.getName() + " signs with the key of"
                                + " selector " + k.selector() + " in a way the JDK does not verify");
                    }
                    out.add(translated);
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("the provider " + provider.getName() + " cannot sign with the "
                            + k.algorithm().tag() + " key of selector " + k.selector() + " (" + e.getClass().getSimpleName()
                            + ")", e);
                }
            }
            return List.copyOf(out);
        }
    }
}
