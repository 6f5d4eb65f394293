package dev.mailwright.outbox.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the host's listener; an exception from it is logged and ignored. */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {
    }

    /** @param call a listener call */
    public static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("an outbox listener threw; ignored", e);
        }
    }
}
