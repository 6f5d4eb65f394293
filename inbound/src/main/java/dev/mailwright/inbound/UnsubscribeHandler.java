package dev.mailwright.inbound;

/**
 * The host application's side of unsubscribing by mail: stops the user's notifications about the
 * thread. Unsubscribing is idempotent, so unlike {@link ReplyHandler} this handler is not guarded
 * by the delivery ledger: after a crash or a redelivery it may be called again for the same
 * request.
 *
 * <p>Without a handler, a pipeline files unsubscribe requests as discarded with the code
 * {@code unsubscribe.unhandled}; they are never handed to the {@link ReplyHandler} as comments.
 */
@FunctionalInterface
public interface UnsubscribeHandler {

    /**
     * @param request the verified request
     * @throws Exception to ask for a later attempt (with backoff, then failure after the pipeline's
     *     maximum number of attempts)
     */
    void unsubscribe(UnsubscribeRequest request) throws Exception;
}
