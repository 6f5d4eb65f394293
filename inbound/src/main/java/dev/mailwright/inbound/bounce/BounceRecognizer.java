package dev.mailwright.inbound.bounce;

import dev.mailwright.core.BuilderState;
import dev.mailwright.core.BounceAddressCodec;
import dev.mailwright.inbound.internal.bounce.BounceAnalyzer;
import java.util.List;
import java.util.Objects;

/**
 * Recognises the mail that comes back to a notification's bounce address (VERP) and says what it
 * means for the recipient: RFC 3464 delivery status notifications, the text bounces of Exchange,
 * qmail, Gmail and other mail systems, ARF complaints (RFC 5965), and auto-replies.
 *
 * <pre>{@code
 * BounceRecognizer bounces = BounceRecognizer.builder()
 *         .codec(BounceAddressCodec.of(keyRing, settings))
 *         .build();
 * BounceOutcome outcome = bounces.recognize(rawMessage, List.of(rcptTo));
 * if (outcome instanceof BounceOutcome.Bounce b) {
 *     b.event().recordIn(suppressionList);          // counts hard, soft, complaint; not auto-replies
 * }
 * }</pre>
 *
 * <p>Only a bounce address whose signature verifies attributes a report: the recipient and
 * notification come from it, never from the report's text, so a report about an address never
 * mailed, or sent to a forged bounce address, suppresses nobody. The report only classifies: a
 * specific enhanced status decides (5.1.1 unknown user and 5.2.1 disabled mailbox are hard, 5.2.2
 * mailbox full and every 4.x.x soft), then the words of the diagnostic. A report that names other
 * recipients than the attributed one (a forwarding address failed) counts at most as soft.
 *
 * <p>Hostile input is bounded: the message size, the number and nesting of MIME parts, the bytes
 * read of each part (a huge report is read up to the limit) and the recipient blocks read; every
 * problem is an outcome ({@link BounceOutcome.Unreadable} names the limit), never an exception.
 *
 * <p>Immutable and thread-safe.
 */
public final class BounceRecognizer {
    /** The default largest message read: 25 MB. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 25L * 1024 * 1024;
    /** The bytes read of one MIME part: 64 KB. */
    public static final int PART_BYTES = 64 * 1024;

    private final BounceAnalyzer analyzer;

    private BounceRecognizer(BounceAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** @return a builder; the codec is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param message the message as received (header fields, empty line, body)
     * @param envelopeRecipients the {@code RCPT TO} addresses when the message came over SMTP; empty
     *     for a maildir, where {@code Delivered-To}, {@code X-Original-To}, {@code To} and {@code Cc}
     *     are read instead
     * @return not a bounce, a bounce (attributed and classified), unattributed, forged or unreadable
     */
    public BounceOutcome recognize(byte[] message, List<String> envelopeRecipients) {
        return analyzer.analyze(Objects.requireNonNull(message, "message"),
                List.copyOf(Objects.requireNonNull(envelopeRecipients, "envelopeRecipients")));
    }

    @Override
    public String toString() {
        return "BounceRecognizer[" + analyzer + "]";
    }

    /** Builds a {@link BounceRecognizer}; each property is set once. Not thread-safe. */
    public static final class Builder {
        private final BuilderState state = new BuilderState("BounceRecognizer.Builder");
        private BounceAddressCodec codec;
        private long maxMessageBytes;

        private Builder() {
        }

        /** @param codec verifies the bounce addresses (the same key ring as the mailer's) @return this */
        public Builder codec(BounceAddressCodec codec) {
            this.codec = state.set("codec", codec);
            return this;
        }

        /**
         * @param bytes the largest message read, at least 1 KB; default {@value #DEFAULT_MAX_MESSAGE_BYTES}
         * @return this
         */
        public Builder maxMessageBytes(long bytes) {
            state.set("maxMessageBytes", bytes);
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxMessageBytes must be at least 1024, was " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /** @return the recognizer @throws IllegalStateException when no codec was given */
        public BounceRecognizer build() {
            if (codec == null) {
                throw new IllegalStateException("BounceRecognizer: codec(...) is required, such as"
                        + " BounceAddressCodec.of(keyRing, settings)");
            }
            long max = maxMessageBytes == 0 ? DEFAULT_MAX_MESSAGE_BYTES : maxMessageBytes;
            return new BounceRecognizer(new BounceAnalyzer(codec, new BounceAnalyzer.Limits(max, PART_BYTES, 64, 8, 100)));
        }
    }
}
