package dev.mailwright.dns;

import dev.mailwright.core.Finding;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.dns.internal.ProbeFindings;
import java.util.List;
import java.util.Objects;

/**
 * What {@link PortProbe} found on one SMTP port: either nothing answered ({@link Unreachable},
 * with the {@link FailureClass} a send would get for the same failure) or a server answered
 * ({@link Answered}), with the SMTP conversation as the same {@link Transcript} a send records
 * (its {@link Transcript#toText()} is the seed's format: {@code -> "220 ...\r\n"} received,
 * {@code <- "EHLO ...\r\n"} sent).
 */
public sealed interface ProbeResult permits ProbeResult.Unreachable, ProbeResult.Answered {

    /** @return the probed host (name or address) */
    String host();

    /** @return the probed port */
    int port();

    /** @return the name the certificate must be valid for */
    String expectedName();

    /** @return the conversation */
    Transcript transcript();

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

    /**
     * Nothing usable answered.
     *
     * @param host the probed host
     * @param port the probed port
     * @param expectedName the name the certificate must be valid for
     * @param failure why, as the failure vocabulary of a send names it: {@code CONNECTION_REFUSED},
     *     {@code CONNECT_TIMEOUT}, {@code BANNER_TIMEOUT} (connected, no greeting), {@code UNKNOWN_HOST},
     *     {@code SERVER_CLOSED_EARLY} or {@code UNKNOWN}
     * @param detail the underlying error, in words
     * @param transcript the conversation so far, the error included
     */
    record Unreachable(String host, int port, String expectedName, FailureClass failure, String detail, Transcript transcript)
            implements ProbeResult {
        /** Validates. */
        public Unreachable {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(expectedName, "expectedName");
            Objects.requireNonNull(failure, "failure");
            detail = detail == null ? "" : detail;
            Objects.requireNonNull(transcript, "transcript");
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
            boolean startTlsOffered, Tls tls, Transcript transcript) implements ProbeResult {
        /** Validates. */
        public Answered {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(expectedName, "expectedName");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(tls, "tls");
            greeting = greeting == null ? "" : greeting;
            Objects.requireNonNull(transcript, "transcript");
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
