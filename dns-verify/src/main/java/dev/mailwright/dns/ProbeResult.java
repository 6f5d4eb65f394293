package dev.mailwright.dns;

import dev.mailwright.core.Finding;
import dev.mailwright.dns.internal.ProbeFindings;
import java.util.List;
import java.util.Objects;

/**
 * What {@link PortProbe} found on one SMTP port: either nothing answered ({@link Unreachable}) or
 * a server answered ({@link Answered}), with the SMTP conversation as a transcript in the format
 * of the seed ({@code -> "220 ...\r\n"} received, {@code <- "EHLO ...\r\n"} sent).
 */
public sealed interface ProbeResult permits ProbeResult.Unreachable, ProbeResult.Answered {

    /** @return the probed host (name or address) */
    String host();

    /** @return the probed port */
    int port();

    /** @return the name the certificate must be valid for */
    String expectedName();

    /** @return the conversation, one line per event */
    List<String> transcript();

    /**
     * Findings for an inbound port (25): a missing STARTTLS or a bad certificate is a warning,
     * since sending servers fall back to plain text; unreachable is a failure.
     *
     * @return pass, warning or failure findings with remedies, for a report
     */
    default List<Finding> findings() {
        return ProbeFindings.of(this, false);
    }

    /**
     * @param tlsRequired true when clients require TLS (submission ports 587 and 465): every TLS
     *     problem is then a failure
     * @return pass, warning or failure findings with remedies, for a report
     */
    default List<Finding> findings(boolean tlsRequired) {
        return ProbeFindings.of(this, tlsRequired);
    }

    /** Why nothing usable answered. */
    enum Reason {
        /** The connection was refused (nothing listens, or a firewall rejects). */
        REFUSED,
        /** The connection attempt timed out (a firewall or security group drops the packets). */
        TIMED_OUT,
        /** The connection opened but no greeting came within the timeout. */
        SILENT,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Another network error (reset, unreachable network). */
        NETWORK_ERROR
    }

    /**
     * Nothing usable answered.
     *
     * @param host the probed host
     * @param port the probed port
     * @param expectedName the name the certificate must be valid for
     * @param reason why
     * @param detail the underlying error, in words
     * @param transcript the conversation so far
     */
    record Unreachable(String host, int port, String expectedName, Reason reason, String detail, List<String> transcript)
            implements ProbeResult {
        /** Validates. */
        public Unreachable {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(expectedName, "expectedName");
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
            transcript = List.copyOf(transcript);
        }
    }

    /**
     * A server answered.
     *
     * @param host the probed host
     * @param port the probed port
     * @param expectedName the name the certificate must be valid for
     * @param mode how TLS was started
     * @param greeting the greeting's last line, such as {@code 220 mx.example.com ESMTP}; empty when
     *     an implicit-TLS handshake failed before it
     * @param greetingCode the greeting's reply code (220 for a working SMTP server), 0 when none
     * @param startTlsOffered whether EHLO listed STARTTLS (always false in {@link TlsMode#IMPLICIT})
     * @param tls what happened with TLS
     * @param transcript the conversation
     */
    record Answered(String host, int port, String expectedName, TlsMode mode, String greeting, int greetingCode,
            boolean startTlsOffered, Tls tls, List<String> transcript) implements ProbeResult {
        /** Validates. */
        public Answered {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(expectedName, "expectedName");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(tls, "tls");
            greeting = greeting == null ? "" : greeting;
            transcript = List.copyOf(transcript);
        }
    }

    /** What happened with TLS on a port that answered. */
    sealed interface Tls permits NotStarted, Verified, Failed {
    }

    /**
     * TLS was not started.
     *
     * @param why why not, such as "the server does not offer STARTTLS"
     */
    record NotStarted(String why) implements Tls {
        /** Validates. */
        public NotStarted {
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * TLS started and the certificate is trusted and valid for the expected name.
     *
     * @param protocol such as {@code TLSv1.3}
     * @param cipherSuite the negotiated suite
     * @param certificateNames the DNS names of the server certificate
     */
    record Verified(String protocol, String cipherSuite, List<String> certificateNames) implements Tls {
        /** Validates. */
        public Verified {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(cipherSuite, "cipherSuite");
            certificateNames = List.copyOf(certificateNames);
        }
    }

    /** Why a TLS handshake failed. */
    enum TlsProblem {
        /** The certificate chain is not trusted (self-signed, unknown CA). */
        UNTRUSTED,
        /** The certificate has expired or is not yet valid. */
        EXPIRED,
        /** The certificate is trusted but not valid for the expected name. */
        NAME_MISMATCH,
        /** The handshake failed for another reason (protocol, cipher, reset). */
        HANDSHAKE
    }

    /**
     * TLS was tried and failed.
     *
     * @param problem why
     * @param detail the underlying error, in words
     * @param certificateNames the DNS names of the certificate the server presented, when it got that far
     */
    record Failed(TlsProblem problem, String detail, List<String> certificateNames) implements Tls {
        /** Validates. */
        public Failed {
            Objects.requireNonNull(problem, "problem");
            detail = detail == null ? "" : detail;
            certificateNames = List.copyOf(certificateNames);
        }
    }
}
