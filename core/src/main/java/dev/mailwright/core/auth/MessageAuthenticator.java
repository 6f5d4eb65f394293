package dev.mailwright.core.auth;

import dev.mailwright.core.HostNames;
import dev.mailwright.core.dkim.DkimVerification;
import dev.mailwright.core.dkim.DkimVerifier;
import dev.mailwright.core.spi.DmarcPolicyLookup;
import dev.mailwright.core.spi.SpfEvaluator;
import java.util.Objects;

/**
 * Checks who sent a message, as a receiving server does: SPF for the connecting address and the
 * envelope sender, DKIM for the signatures, DMARC for the From domain; and writes the
 * {@code Authentication-Results} value with this server's authserv-id.
 *
 * <pre>{@code
 * MessageAuthenticator auth = MessageAuthenticator.builder()
 *         .authServId("mx.ghe.example.com")
 *         .spf(DnsSpfEvaluator.of(resolver))                 // mailwright-dns-verify
 *         .dmarc(DnsDmarcPolicyLookup.of(resolver))          // mailwright-dns-verify
 *         .dkim(DkimVerifier.builder().keyLookup(DnsDkimKeyLookup.of(resolver)).build())
 *         .build();
 * AuthenticationVerdict v = auth.verify(AuthenticationInput.of(clientIp, helo, mailFrom, rawMessage));
 * if (v.dmarc().isPass() || v.dmarc().result() == DmarcResult.NONE) { ... }
 * }</pre>
 *
 * <p>DNS that does not answer in time gives {@code temperror} results, never a pass. Nothing is
 * thrown for what a message or DNS holds; an evaluator that throws counts as a temperror.
 *
 * <p>Immutable and thread-safe when its evaluators are.
 */
public final class MessageAuthenticator {
    private final String authServId;
    private final SpfEvaluator spf;
    private final DmarcPolicyLookup dmarc;
    private final DkimVerifier dkim;

    private MessageAuthenticator(Builder b) {
        this.authServId = b.authServId;
        this.spf = b.spf;
        this.dmarc = b.dmarc;
        this.dkim = b.dkim;
    }

    /** @return a builder; authserv-id, SPF evaluator and DMARC lookup are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param input the connection, envelope and message
     * @return the SPF, DKIM and DMARC verdicts and the Authentication-Results value
     * @throws IllegalStateException when the input has a raw message to verify but no DKIM verifier was given
     */
    public AuthenticationVerdict verify(AuthenticationInput input) {
        Objects.requireNonNull(input, "input");
        SpfVerdict s = spf(input);
        DkimVerification d = input.dkim();
        if (d == null) {
            if (dkim == null) {
                throw new IllegalStateException("MessageAuthenticator: dkim(...) is required to verify a raw message;"
                        + " or give the DKIM verification in the input");
            }
            d = dkim.verify(input.message());
        }
        FromDomain.Result from = input.fromDomain() != null ? FromDomain.ofField("<x@" + input.fromDomain() + ">")
                : FromDomain.of(input.message());
        DmarcVerdict m = new DmarcEvaluation(dmarc).evaluate(from, s, d);
        return new AuthenticationVerdict(s, d, m, AuthResultsFormat.format(authServId, input, s, d, m));
    }

    private SpfVerdict spf(AuthenticationInput in) {
        String identity = in.mailFrom().isEmpty() ? "helo" : "mailfrom";
        try {
            SpfVerdict v = spf.evaluate(in.clientIp(), in.helo(), in.mailFrom());
            return v != null ? v : new SpfVerdict(SpfResult.TEMPERROR, identity, "", "the SPF evaluator returned nothing");
        } catch (RuntimeException e) {
            return new SpfVerdict(SpfResult.TEMPERROR, identity, "", "the SPF evaluation failed: " + e);
        }
    }

    @Override
    public String toString() {
        return "MessageAuthenticator[" + authServId + "]";
    }

    /** Builds a {@link MessageAuthenticator}; each property is set once. Not thread-safe. */
    public static final class Builder {
        private String authServId;
        private SpfEvaluator spf;
        private DmarcPolicyLookup dmarc;
        private DkimVerifier dkim;

        private Builder() {
        }

        /**
         * @param id this server's authentication service identifier, such as {@code mx.ghe.example.com}:
         *     the first word of the Authentication-Results it writes
         * @return this
         */
        public Builder authServId(String id) {
            once(authServId, "authServId");
            this.authServId = HostNames.normalize(Objects.requireNonNull(id, "id"));
            return this;
        }

        /** @param evaluator evaluates SPF @return this */
        public Builder spf(SpfEvaluator evaluator) {
            once(spf, "spf");
            this.spf = Objects.requireNonNull(evaluator, "evaluator");
            return this;
        }

        /** @param lookup finds DMARC policies and organizational domains @return this */
        public Builder dmarc(DmarcPolicyLookup lookup) {
            once(dmarc, "dmarc");
            this.dmarc = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** @param verifier verifies DKIM signatures of raw messages @return this */
        public Builder dkim(DkimVerifier verifier) {
            once(dkim, "dkim");
            this.dkim = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        private static void once(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException("MessageAuthenticator: " + name + " was already set to " + current);
            }
        }

        /** @return the authenticator @throws IllegalStateException naming every missing property */
        public MessageAuthenticator build() {
            StringBuilder missing = new StringBuilder();
            if (authServId == null) {
                missing.append(" authServId(...)");
            }
            if (spf == null) {
                missing.append(" spf(...)");
            }
            if (dmarc == null) {
                missing.append(" dmarc(...)");
            }
            if (missing.length() > 0) {
                throw new IllegalStateException("MessageAuthenticator: required:" + missing);
            }
            return new MessageAuthenticator(this);
        }
    }
}
