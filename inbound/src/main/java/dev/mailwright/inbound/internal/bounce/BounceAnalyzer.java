package dev.mailwright.inbound.internal.bounce;

import dev.mailwright.core.BounceAddressCodec;
import dev.mailwright.core.BounceAddressResult;
import dev.mailwright.core.BounceTarget;
import dev.mailwright.inbound.bounce.BounceClassification;
import dev.mailwright.inbound.bounce.BounceEvent;
import dev.mailwright.inbound.bounce.BounceFormat;
import dev.mailwright.inbound.bounce.BounceOutcome;
import dev.mailwright.inbound.internal.CachedServiceLoader;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Recognises and classifies bounces, complaints and auto-replies (see
 * {@link dev.mailwright.inbound.bounce.BounceRecognizer}). Attribution comes only from a verified
 * bounce address among the envelope recipients, the delivery headers, or (for a complaint) the
 * reported message's envelope sender; the report's text only classifies.
 */
public final class BounceAnalyzer {
    private static final Session SESSION = Session.getInstance(new Properties());

    private final BounceAddressCodec codec;
    private final Limits limits;

    /**
     * @param maxMessageBytes the largest message read
     * @param partBytes the most bytes read of one part
     * @param maxParts the most MIME parts visited
     * @param maxDepth the deepest nesting visited
     * @param maxRecipientGroups the most per-recipient blocks read from a delivery status
     */
    public record Limits(long maxMessageBytes, int partBytes, int maxParts, int maxDepth, int maxRecipientGroups) {
    }

    /**
     * @param codec verifies bounce addresses
     * @param limits the bounds on what is read
     */
    public BounceAnalyzer(BounceAddressCodec codec, Limits limits) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param raw the message as received
     * @param envelopeRecipients the {@code RCPT TO} addresses, empty when unknown (maildir)
     * @return the outcome; never throws for what the message holds
     */
    public BounceOutcome analyze(byte[] raw, List<String> envelopeRecipients) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length > limits.maxMessageBytes()) {
            return new BounceOutcome.Unreadable("the message has " + raw.length + " bytes, more than the limit of "
                    + limits.maxMessageBytes());
        }
        try {
            MimeMessage mime = CachedServiceLoader.call(() -> new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
            return analyze(mime, envelopeRecipients);
        } catch (Exception e) {
            return new BounceOutcome.Unreadable("malformed MIME: " + e);
        }
    }

    /**
     * @param mime the message, already parsed (by the pipeline's parse stage)
     * @param envelopeRecipients the {@code RCPT TO} addresses, empty when unknown
     * @return the outcome; never throws for what the message holds
     */
    public BounceOutcome analyze(MimeMessage mime, List<String> envelopeRecipients) {
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(envelopeRecipients, "envelopeRecipients");
        try {
            return CachedServiceLoader.call(() -> analyzeNow(mime, envelopeRecipients));
        } catch (Exception e) {
            return new BounceOutcome.Unreadable("malformed MIME: " + e);
        }
    }

    private BounceOutcome analyzeNow(MimeMessage mime, List<String> envelopeRecipients) throws MessagingException {
        HeaderView h = new HeaderView(mime);
        Attribution attribution = Attribution.of(codec, h.candidates(envelopeRecipients));
        MimeWalk walk = new MimeWalk(new MimeWalk.Limits(limits.partBytes(), limits.maxParts(), limits.maxDepth()));
        try {
            walk.visit(mime, 0);
        } catch (MimeWalk.LimitException e) {
            return new BounceOutcome.Unreadable("a limit was reached: " + e.getMessage());
        } catch (java.io.IOException | RuntimeException e) {
            return new BounceOutcome.Unreadable("malformed MIME: " + e);
        }
        Report report = read(h, walk);
        if (attribution.valid() == null && report != null && !report.senders().isEmpty()) {
            attribution = attribution.or(Attribution.of(codec, report.senders()));
        }
        return decide(attribution, report, h);
    }

    private Report read(HeaderView h, MimeWalk walk) {
        if (walk.reportType.equals("delivery-status") || walk.deliveryStatus != null) {
            return ReportReaders.dsn(walk.deliveryStatus, limits.maxRecipientGroups());
        }
        if (walk.reportType.equals("feedback-report") || walk.feedbackReport != null) {
            return ReportReaders.arf(walk.feedbackReport, walk.embeddedHeaders);
        }
        TextReaders.Headers th = h.textHeaders();
        return TextReaders.bounce(th, walk.text)
                .or(() -> TextReaders.autoReply(th, h.first("Auto-Submitted"), h.autoReplyHeader(), h.first("Precedence"),
                        h.outOfOfficeSubject()))
                .orElse(null);
    }

    private static BounceOutcome decide(Attribution a, Report report, HeaderView h) {
        if (a.valid() == null) {
            if (a.forged() != null) {
                return new BounceOutcome.Forged(a.forged(), "no key of the ring signed this bounce address");
            }
            if (report == null || report.format() == BounceFormat.AUTO_REPLY) {
                return new BounceOutcome.NotABounce();
            }
            return new BounceOutcome.Unattributed(report.format(), "sent to no verified bounce address"
                    + (a.note().isEmpty() ? "" : " (" + a.note() + ")") + "; nothing is counted");
        }
        BounceTarget t = a.valid();
        if (report == null) {
            return event(t, BounceFormat.UNKNOWN, new BounceClassification.Undetermined(
                    "mail to a bounce address in no bounce, complaint or auto-reply format"), List.of(), true, "", h);
        }
        Classified c = classify(report, t.recipient());
        return event(t, report.format(), c.classification(), report.reported(), c.named(), report.reportingMta(), h);
    }

    private static BounceOutcome event(BounceTarget t, BounceFormat format, BounceClassification c, List<String> reported,
            boolean named, String mta, HeaderView h) {
        String reporter = mta.isEmpty() ? h.fromDomain() : mta;
        return new BounceOutcome.Bounce(new BounceEvent(t.recipient(), t.notification(), c, format, reported, named,
                reporter, h.first("Message-ID")));
    }

    /** A classification and whether the report names the recipient. */
    private record Classified(BounceClassification classification, boolean named) {
    }

    private static Classified classify(Report r, String recipient) {
        if (r.fixed() != null) {
            return new Classified(r.fixed(), r.reported().isEmpty() || r.reported().contains(recipient));
        }
        List<Report.Group> matching = r.groups().stream().filter(g -> g.names(recipient)).toList();
        boolean anonymous = r.groups().stream().allMatch(g -> g.finalRecipient().isEmpty());
        boolean named = !matching.isEmpty() || anonymous && (r.reported().isEmpty() || r.reported().contains(recipient));
        List<Report.Group> pool = matching.isEmpty() ? r.groups() : matching;
        Optional<Report.Group> failing = pool.stream().filter(Report.Group::failing).findFirst();
        if (failing.isEmpty()) {
            return new Classified(new BounceClassification.Undetermined("the report says "
                    + pool.get(0).action() + ", not a failure"), named);
        }
        Report.Group g = failing.get();
        BounceClassification c = g.action().equals("delayed") ? new BounceClassification.Soft(g.status(), g.diagnostic())
                : Statuses.classify(g.status(), g.diagnostic(), g.action().equals("failed"));
        if (!named && c instanceof BounceClassification.Hard hard) {
            String about = g.finalRecipient().isEmpty() ? "other recipients" : g.finalRecipient();
            c = new BounceClassification.Soft(hard.status(), "the report is about " + about + " (forwarded?): "
                    + hard.diagnostic());
        }
        return new Classified(c, named);
    }

    @Override
    public String toString() {
        return "BounceAnalyzer[" + codec + ", " + limits + "]";
    }
}
