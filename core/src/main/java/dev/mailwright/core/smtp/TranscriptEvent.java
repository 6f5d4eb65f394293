package dev.mailwright.core.smtp;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of an SMTP conversation: the connection opened, a line in either direction, TLS
 * started, the message body left out, an error, the connection closed, or a free-text note.
 * Every event has its time. Lines are stored without their CRLF, already redacted.
 */
public sealed interface TranscriptEvent {

    /** @return when the event happened */
    Instant time();

    /** Who sent a {@link Line}. */
    enum Direction {
        /** The SMTP server (rendered {@code -> "..."} as in the seed). */
        SERVER,
        /** Mailwright, the client (rendered {@code <- "..."}). */
        CLIENT
    }

    /**
     * The TCP connection was opened.
     *
     * @param time when
     * @param host the host name asked for
     * @param port the port
     * @param address the IP address connected to, or empty when unknown (a parsed seed transcript)
     */
    record Connected(Instant time, String host, int port, String address) implements TranscriptEvent {
        /** Validates the fields. */
        public Connected {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(host, "host");
            address = address == null ? "" : address;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
            }
        }
    }

    /**
     * One line of the conversation, without its CRLF.
     *
     * @param time when it was sent or received
     * @param direction who sent it
     * @param text the line; when {@code redacted}, a placeholder naming what was removed
     * @param redacted true when the line's content was replaced by a placeholder
     */
    record Line(Instant time, Direction direction, String text, boolean redacted) implements TranscriptEvent {
        /** Validates the fields. */
        public Line {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * TLS was established (after STARTTLS, or at once for implicit TLS).
     *
     * @param time when the handshake completed
     * @param protocol such as {@code TLSv1.3}; empty when unknown
     * @param cipherSuite the negotiated cipher suite; empty when unknown
     * @param peerSubject the server certificate's subject; empty when unknown
     * @param notBefore start of the certificate's validity, or null when unknown
     * @param notAfter end of the certificate's validity, or null when unknown
     */
    record TlsStarted(Instant time, String protocol, String cipherSuite, String peerSubject, Instant notBefore,
            Instant notAfter) implements TranscriptEvent {
        /** Validates the fields. */
        public TlsStarted {
            Objects.requireNonNull(time, "time");
            protocol = protocol == null ? "" : protocol;
            cipherSuite = cipherSuite == null ? "" : cipherSuite;
            peerSubject = peerSubject == null ? "" : peerSubject;
        }
    }

    /**
     * The message body after the headers was left out (see {@link TranscriptOptions#keepBody()}).
     *
     * @param time when the end of the data was sent
     * @param lines how many body lines were left out
     * @param bytes how many bytes they held, CRLF included
     */
    record BodyOmitted(Instant time, int lines, long bytes) implements TranscriptEvent {
        /** Validates the fields. */
        public BodyOmitted {
            Objects.requireNonNull(time, "time");
            if (lines < 0 || bytes < 0) {
                throw new IllegalArgumentException("negative count: " + lines + " lines, " + bytes + " bytes");
            }
        }
    }

    /**
     * Something failed: the connection, the TLS handshake, a read, or the send as a whole.
     *
     * @param time when
     * @param stage {@code connect}, {@code tls}, {@code read}, {@code write} or {@code send}
     * @param type the exception's class name, such as {@code java.net.ConnectException}
     * @param message the exception's message (never a secret); may be empty
     */
    record Error(Instant time, String stage, String type, String message) implements TranscriptEvent {
        /** Validates the fields. */
        public Error {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(type, "type");
            message = message == null ? "" : message;
        }
    }

    /**
     * The connection was closed.
     *
     * @param time when
     * @param byServer true when the server closed it (end of stream), false when Mailwright did
     */
    record Closed(Instant time, boolean byServer) implements TranscriptEvent {
        /** Validates the fields. */
        public Closed {
            Objects.requireNonNull(time, "time");
        }
    }

    /**
     * Free text: a line of a pasted transcript that is not part of the conversation (the seed's
     * {@code This is a test email generated from ...}), or a remark added by a diagnosis step.
     *
     * @param time when
     * @param text the text
     */
    record Note(Instant time, String text) implements TranscriptEvent {
        /** Validates the fields. */
        public Note {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(text, "text");
        }
    }
}
