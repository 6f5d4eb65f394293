package dev.mailwright.inbound.internal;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.inbound.Disposition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The rules of the {@code recipient} stage: discards mail sent to the no-reply address (when the
 * setting says so), then finds the reply or new-thread address in the envelope headers (Delivered-To, X-Original-To, Envelope-To) or
 * in To and Cc, and verifies it with the codec. Envelope headers count only above the first
 * {@code Received} field, where the delivering MTA (or the listener) writes them: the same
 * names further down were written by the sender.
 */
public final class RecipientStage {
    private static final List<String> ENVELOPE = Envelopes.RECIPIENT_FIELDS;
    private static final List<String> VISIBLE = List.of("To", "Cc");

    private final ReplyAddressCodec codec;
    private final String noReplyDomain;
    private final String noReplyAddress;
    private final boolean discardNoReply;

    /**
     * @param codec verifies reply addresses
     * @param noReplyDomain {@code noreply.<hostname>}
     * @param noReplyAddress the configured no-reply address, or null
     * @param discardNoReply whether mail to the no-reply address is discarded
     */
    public RecipientStage(ReplyAddressCodec codec, String noReplyDomain, String noReplyAddress, boolean discardNoReply) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.noReplyDomain = Objects.requireNonNull(noReplyDomain, "noReplyDomain");
        this.noReplyAddress = noReplyAddress == null ? null : noReplyAddress.strip().toLowerCase(Locale.ROOT);
        this.discardNoReply = discardNoReply;
    }

    /** The outcome: a verified target or the disposition that stops the message. */
    public sealed interface Outcome {
    }

    /**
     * @param result the verified address: a {@link DecodeResult.Valid} reply address or a
     *     {@link DecodeResult.ValidNewThread} new-thread address
     * @param address the address it was found in
     * @param inEnvelope true when the address is the envelope recipient (a rejection may be answered)
     */
    public record Matched(DecodeResult result, String address, boolean inEnvelope) implements Outcome {
    }

    /**
     * @param disposition why the message stops
     * @param inEnvelope true when the rejected reply address is the envelope recipient (a rejection
     *     may be answered); false when no reply address was in the envelope
     */
    public record Stopped(Disposition disposition, boolean inEnvelope) implements Outcome {
    }

    /**
     * @param m the parsed message
     * @return the verified target, or why the message stops
     */
    public Outcome evaluate(ParsedMessage m) {
        List<String> envelope = envelope(m);
        boolean inEnvelope = !envelope.isEmpty();
        List<String> candidates = inEnvelope ? envelope : addresses(m, VISIBLE);
        boolean anyReply = candidates.stream().anyMatch(this::isReplyDomain);
        if (discardNoReply && !anyReply && candidates.stream().anyMatch(this::isNoReply)) {
            return new Stopped(new Disposition.Discarded("noreply.discarded",
                    "sent to the no-reply address " + candidates.stream().filter(this::isNoReply).findFirst().orElseThrow()
                    + " and discard-noreply-mail is on"), false);
        }
        Disposition.Rejected firstProblem = null;
        Matched newThread = null;
        for (String address : candidates) {
            if (!isReplyDomain(address)) {
                continue;
            }
            DecodeResult result = codec.decode(address);
            if (result instanceof DecodeResult.Valid) {
                return new Matched(result, address, inEnvelope);
            }
            if (result instanceof DecodeResult.ValidNewThread && newThread == null) {
                newThread = new Matched(result, address, inEnvelope);
            } else if (!(result instanceof DecodeResult.ValidNewThread) && (firstProblem == null
                    || result instanceof DecodeResult.Forged || result instanceof DecodeResult.ForgedNewThread)) {
                firstProblem = rejection(address, result);
            }
        }
        if (newThread != null) {
            return newThread;
        }
        if (firstProblem != null) {
            return new Stopped(firstProblem, inEnvelope);
        }
        return new Stopped(new Disposition.Rejected("address.missing", "no reply address under " + codec.replyDomain()
                + " in " + (envelope.isEmpty() ? "To or Cc" : "Delivered-To, X-Original-To or Envelope-To")
                + "; found " + (candidates.isEmpty() ? "no recipient" : String.join(", ", candidates))), false);
    }

    private static Disposition.Rejected rejection(String address, DecodeResult result) {
        if (result instanceof DecodeResult.Malformed mf) {
            return new Disposition.Rejected("address.malformed", "the reply address " + address + " is malformed: " + mf.reason());
        }
        if (result instanceof DecodeResult.WrongDomain wd) {
            return new Disposition.Rejected("address.wrong-domain",
                    "the reply address " + address + " is for " + wd.domain() + ", not " + wd.expected());
        }
        if (result instanceof DecodeResult.ForgedNewThread nt) {
            return new Disposition.Rejected("address.forged", "the new-thread address " + address + " (for "
                    + nt.claimed().type() + " " + nt.claimed().id() + ") is not signed by any key of the key ring"
                    + " (forged or tampered); no thread is opened");
        }
        return new Disposition.Rejected("address.forged",
                "the reply address " + address + " is not signed by any key of the key ring (forged or tampered)");
    }

    private boolean isReplyDomain(String address) {
        return address.endsWith("@" + codec.replyDomain()) || address.startsWith(ReplyAddressCodec.PREFIX);
    }

    private boolean isNoReply(String address) {
        return address.equals(noReplyAddress) || address.endsWith("@" + noReplyDomain);
    }

    /** @return the envelope recipients the delivering MTA wrote: envelope headers above the first Received */
    private static List<String> envelope(ParsedMessage m) {
        List<String> out = new ArrayList<>();
        try {
            java.util.Enumeration<jakarta.mail.Header> all = m.mime().getAllHeaders();
            while (all.hasMoreElements()) {
                jakarta.mail.Header h = all.nextElement();
                if (h.getName().equalsIgnoreCase("Received")) {
                    break;
                }
                if (ENVELOPE.stream().anyMatch(h.getName()::equalsIgnoreCase)) {
                    Envelopes.addresses(h.getValue(), out);
                }
            }
        } catch (jakarta.mail.MessagingException e) {
            return List.of();
        }
        return out;
    }

    private static List<String> addresses(ParsedMessage m, List<String> headers) {
        List<String> out = new ArrayList<>();
        for (String header : headers) {
            for (String value : m.headers(header)) {
                Envelopes.addresses(value, out);
            }
        }
        return out;
    }
}
