package dev.mailwright.inbound.spi;

import java.util.List;

/**
 * One step of the incoming-mail pipeline, in the style of OkHttp's interceptors: it looks at the
 * message through its {@link StageContext} and either stops it with a disposition
 * ({@link StageContext#stop}) or passes it to the next stage ({@link StageContext#pass}). The
 * stage that stops a message is named in the reason the message is filed with.
 *
 * <p>The built-in stages run in the order of {@link #BUILT_IN}. A host adds its own (a spam gate,
 * a size policy) before or after any built-in stage but {@link #DELIVER}, the last one, through
 * {@code InboundPipeline.Builder.stageBefore} and {@code stageAfter}:
 *
 * <pre>{@code
 * InboundPipeline.builder()
 *         ...
 *         .stageBefore(InboundStage.RECIPIENT, "spam-gate", ctx -> spamScore(ctx.message()) > 5
 *                 ? ctx.stop(new Disposition.Discarded("spam", "score above 5"))
 *                 : ctx.pass())
 *         .build();
 * }</pre>
 *
 * <p>A stage is called from the threads that drain sources (several at once when several sources
 * are drained) and must be thread-safe. An exception it throws files the message as failure
 * ({@code internal.error}) naming the stage; it never escapes the pipeline.
 */
@FunctionalInterface
public interface InboundStage {
    /** Parses the message (bounded size and MIME parts); malformed mail is rejected ({@code parse.*}). */
    String PARSE = "parse";
    /**
     * Recognises bounces and complaints sent to a signed bounce address (VERP) and hands them to
     * the bounce handler and the suppression list. In the chain only when bounces are configured.
     */
    String BOUNCE = "bounce";
    /** Discards automated mail (RFC 3834 and common signals) without answer ({@code automated.*}). */
    String AUTOMATED_GUARD = "automated-guard";
    /** Discards mail to the no-reply address and verifies the reply or new-thread address ({@code address.*}). */
    String RECIPIENT = "recipient";
    /** Asks the configured {@link SenderCheck} whether the sender may write as the addressed user ({@code sender.*}). */
    String SENDER_CHECK = "sender-check";
    /** Routes a request to unsubscribe (subject {@code unsubscribe}) to the unsubscribe handler. */
    String UNSUBSCRIBE = "unsubscribe";
    /** Routes mail to a verified new-thread address to the new-thread handler. */
    String NEW_THREAD = "new-thread";
    /** Extracts the new text of a reply; a reply with none is rejected ({@code text.empty}). */
    String EXTRACT = "extract";
    /** Records the delivery in the ledger and calls the host's handler: always the last stage. */
    String DELIVER = "deliver";

    /** The built-in stages, in the order they run. */
    List<String> BUILT_IN = List.of(PARSE, BOUNCE, AUTOMATED_GUARD, RECIPIENT, SENDER_CHECK, UNSUBSCRIBE,
            NEW_THREAD, EXTRACT, DELIVER);

    /**
     * @param context the message, what the earlier stages found, and the two ways out
     * @return {@link StageContext#pass()} to go on, or {@link StageContext#stop} with the disposition
     * @throws Exception when the stage cannot decide; the message is filed as failure
     */
    StageResult process(StageContext context) throws Exception;
}
