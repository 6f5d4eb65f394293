package dev.mailwright.core.dkim;

import dev.mailwright.core.spi.DkimKeyLookup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies the DKIM signatures of a received message (RFC 6376 section 6, RFC 8463, RFC 8301):
 * one {@link DkimSignatureResult} per DKIM-Signature field, never an exception for what a message
 * or a key record holds.
 *
 * <pre>{@code
 * DkimVerifier verifier = DkimVerifier.builder()
 *         .keyLookup(DnsDkimKeyLookup.of(resolver))      // mailwright-dns-verify; or DkimKeyLookup.of(map)
 *         .build();
 * DkimVerification v = verifier.verify(rawMessage);
 * if (v.passes("example.com")) { ... }
 * }</pre>
 *
 * <p>Hostile input stays bounded: at most {@value #DEFAULT_MAX_SIGNATURES} signatures are checked
 * (the others are permerrors), at most 5,000 header fields are read, a signature field may hold
 * 16 KB and name 256 fields, the body is hashed once per canonicalization and {@code l=}, keys are
 * looked up once per name, and lookups stop after the time limit (temperror). A key lookup that
 * fails is a temperror, never a pass. A signature whose {@code l=} leaves part of the body
 * unsigned is a {@code policy} result unless {@link Builder#acceptBodyLength(boolean)} allows it;
 * an {@code l=} longer than the body is a permerror. RSA keys of fewer than 1024 or more than 8192
 * bits and {@code rsa-sha1} are permerrors.
 *
 * <p>Immutable and thread-safe.
 */
public final class DkimVerifier {
    /** How many signatures of one message are checked by default. */
    public static final int DEFAULT_MAX_SIGNATURES = 5;
    /** How long key lookups may go on for one message by default. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(20);
    private static final int MAX_FIELDS = 5000;

    private final Settings settings;

    private DkimVerifier(Settings settings) {
        this.settings = settings;
    }

    /** What one verification runs with. */
    record Settings(DkimKeyLookup lookup, Clock clock, int maxSignatures, Duration timeLimit, boolean acceptBodyLength) {
    }

    /** @return a builder; the key lookup is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param message the message as received (header fields, empty line, body); LF or CRLF line ends
     * @return one result per DKIM-Signature field, top first; none when the message is not signed
     */
    public DkimVerification verify(byte[] message) {
        byte[] m = Crlf.normalize(Objects.requireNonNull(message, "message"));
        HeaderFields fields = HeaderFields.parse(m, MAX_FIELDS);
        List<Integer> signatures = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.nameIs(i, "dkim-signature")) {
                signatures.add(i);
            }
        }
        if (fields.truncated()) {
            return new DkimVerification(List.of(new DkimSignatureResult(DkimResult.PERMERROR, "", "", "", "",
                    "not checked: the header section has more than " + MAX_FIELDS + " fields")));
        }
        MessageCheck check = new MessageCheck(settings, m, fields);
        List<DkimSignatureResult> results = new ArrayList<>(signatures.size());
        for (int k = 0; k < signatures.size(); k++) {
            results.add(k < settings.maxSignatures() ? check.verify(signatures.get(k)) : check.skipped(signatures.get(k)));
        }
        return new DkimVerification(results);
    }

    @Override
    public String toString() {
        return "DkimVerifier[maxSignatures=" + settings.maxSignatures() + ", timeLimit=" + settings.timeLimit()
                + ", acceptBodyLength=" + settings.acceptBodyLength() + "]";
    }

    /** Builds a {@link DkimVerifier}. Not thread-safe. */
    public static final class Builder {
        private DkimKeyLookup lookup;
        private Clock clock = Clock.systemUTC();
        private int maxSignatures = DEFAULT_MAX_SIGNATURES;
        private Duration timeLimit = DEFAULT_TIME_LIMIT;
        private boolean acceptBodyLength;

        private Builder() {
        }

        /** @param lookup finds key records (DNS, or a table in tests) @return this */
        public Builder keyLookup(DkimKeyLookup lookup) {
            this.lookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** @param clock the clock for {@code x=} expiry @return this */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param max how many signatures of one message to check, 1 to 20 @return this */
        public Builder maxSignatures(int max) {
            if (max < 1 || max > 20) {
                throw new IllegalArgumentException("maxSignatures must be 1 to 20, was " + max);
            }
            this.maxSignatures = max;
            return this;
        }

        /** @param limit how long the key lookups of one message may go on, positive @return this */
        public Builder timeLimit(Duration limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("timeLimit must be positive, was " + limit);
            }
            this.timeLimit = limit;
            return this;
        }

        /**
         * @param accept true to let a signature pass whose {@code l=} leaves the end of the body
         *     unsigned; false by default (such a signature is a {@code policy} result)
         * @return this
         */
        public Builder acceptBodyLength(boolean accept) {
            this.acceptBodyLength = accept;
            return this;
        }

        /**
         * @return the verifier
         * @throws IllegalStateException when no key lookup was given
         */
        public DkimVerifier build() {
            if (lookup == null) {
                throw new IllegalStateException("DkimVerifier: keyLookup(...) is required, such as DnsDkimKeyLookup.of(resolver)"
                        + " from mailwright-dns-verify, or DkimKeyLookup.of(map) in tests");
            }
            return new DkimVerifier(new Settings(lookup, clock, maxSignatures, timeLimit, acceptBodyLength));
        }
    }
}
