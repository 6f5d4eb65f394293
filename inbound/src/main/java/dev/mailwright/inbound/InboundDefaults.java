package dev.mailwright.inbound;

/**
 * The defaults the inbound builders share, written once: {@link MaildirSource},
 * {@link InboundPipeline} and {@link InboundListener} refuse the same message size unless told
 * otherwise.
 */
public final class InboundDefaults {
    /** The largest message accepted by default: 25 MiB, the size most providers accept. */
    public static final long MAX_MESSAGE_BYTES = 25L * 1024 * 1024;

    private InboundDefaults() {
    }
}
