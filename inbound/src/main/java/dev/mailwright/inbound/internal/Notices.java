package dev.mailwright.inbound.internal;

import dev.mailwright.core.spi.NoticeThrottle;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.RejectionNotice;
import dev.mailwright.inbound.RejectionNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the sender of a rejected message why, at most once per sender and code within the
 * throttle's window, and only when the stage that rejected it allows an answer.
 *
 * @param notifier the host's notifier
 * @param throttle the per sender and code throttle
 */
public record Notices(RejectionNotifier notifier, NoticeThrottle throttle) {
    private static final Logger LOG = LoggerFactory.getLogger(Notices.class);

    /**
     * @param d the disposition
     * @param allowed whether the stage allows an answer
     * @param sender the From address, or empty
     * @param messageId the Message-ID, or empty
     */
    public void maybeNotify(Disposition d, boolean allowed, String sender, String messageId) {
        if (!(d instanceof Disposition.Rejected r) || !allowed || sender.isEmpty() || notifier == RejectionNotifier.NONE
                || !throttle.tryAcquire(sender, r.code())) {
            return;
        }
        try {
            notifier.notify(new RejectionNotice(sender, r.code(), r.reason(), messageId));
        } catch (RuntimeException e) {
            LOG.warn("The rejection notifier failed for {}: {}", sender, e.toString());
        }
    }
}
