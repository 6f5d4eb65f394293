package dev.mailwright.dns;

import dev.mailwright.core.BuilderState;
import dev.mailwright.core.HostNames;
import dev.mailwright.dns.internal.SmtpProber;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks one SMTP port the way a sending mail server sees it: connects, reads the {@code 220}
 * greeting, sends EHLO, looks for STARTTLS, starts TLS and checks that the certificate is trusted
 * and valid for the expected host name, then says QUIT. Never sends mail.
 *
 * <pre>{@code
 * ProbeResult r = PortProbe.builder().timeout(Duration.ofSeconds(5)).build()
 *         .probe("192.0.2.10", 25, "reply.ghe.example.com");
 * r.findings().forEach(f -> System.out.println(ReportRenderer.text(f)));
 * }</pre>
 *
 * <p>Immutable and thread-safe. Each network step is bounded by the timeout.
 */
public final class PortProbe {
    /** Default timeout of each network step (connect, each read). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Duration timeout;
    private final X509ExtendedTrustManager trustManager;
    private final String heloName;

    private PortProbe(Builder b) {
        this.timeout = b.timeout;
        this.trustManager = b.trustManager == null ? defaultTrustManager() : b.trustManager;
        this.heloName = b.heloName;
    }

    /** @return a builder with the JVM's trust store, a 5 s timeout and EHLO {@code localhost} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Probes with the TLS mode of the port ({@link TlsMode#IMPLICIT} for 465, STARTTLS otherwise).
     *
     * @param host the host name or address to connect to
     * @param port the port
     * @param expectedName the name the certificate must be valid for, such as {@code reply.<hostname>}
     * @return what was found; never throws for network problems
     */
    public ProbeResult probe(String host, int port, String expectedName) {
        return probe(host, port, expectedName, TlsMode.forPort(port));
    }

    /**
     * @param host the host name or address to connect to
     * @param port the port
     * @param expectedName the name the certificate must be valid for
     * @param mode how TLS is started
     * @return what was found; never throws for network problems
     */
    public ProbeResult probe(String host, int port, String expectedName, TlsMode mode) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(mode, "mode");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1..65535");
        }
        String name = HostNames.normalize(expectedName);
        return new SmtpProber(timeout, trustManager, heloName).probe(host, port, name, mode);
    }

    /** @return the timeout of each network step */
    public Duration timeout() {
        return timeout;
    }

    private static X509ExtendedTrustManager defaultTrustManager() {
        return trustManagerOf(null);
    }

    private static X509ExtendedTrustManager trustManagerOf(KeyStore store) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager) {
                    return (X509ExtendedTrustManager) tm;
                }
            }
            throw new DnsException("the JVM offers no X509 trust manager for algorithm "
                    + TrustManagerFactory.getDefaultAlgorithm() + ": check the java.security configuration");
        } catch (GeneralSecurityException e) {
            throw new DnsException("cannot load the trust store for the TLS check: " + e.getMessage(), e);
        }
    }

    /** Builds a {@link PortProbe}. Not thread-safe. */
    public static final class Builder {
        private Duration timeout = DEFAULT_TIMEOUT;
        private X509ExtendedTrustManager trustManager;
        private String heloName = "localhost";

        private final BuilderState state = new BuilderState("PortProbe.Builder");

        private Builder() {
        }

        /**
         * @param timeout the bound of each network step (connect, each read); 1 ms to 5 minutes
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("probe timeout " + timeout + " is out of range: use 1 ms to 5 minutes");
            }
            this.timeout = state.set("timeout", timeout);
            return this;
        }

        /**
         * @param trustStore the certificates to trust (a test CA, a company CA); null for the JVM's
         * @return this builder
         */
        public Builder trustStore(KeyStore trustStore) {
            state.set("trust", "trustStore " + trustStore);
            this.trustManager = trustManagerOf(trustStore);
            return this;
        }

        /**
         * @param trustManager the trust manager deciding whether a certificate is trusted; it must
         *     also check the host name when the SSL parameters ask it to (the JDK's does)
         * @return this builder
         */
        public Builder trustManager(X509ExtendedTrustManager trustManager) {
            state.set("trust", trustManager);
            this.trustManager = trustManager;
            return this;
        }

        /**
         * @param heloName the name sent with EHLO
         * @return this builder
         */
        public Builder heloName(String heloName) {
            this.heloName = state.set("heloName", HostNames.normalize(heloName));
            return this;
        }

        /** @return the probe */
        public PortProbe build() {
            return new PortProbe(this);
        }
    }
}
