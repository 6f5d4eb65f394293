package dev.mailwright.inbound;

/**
 * The host application's side of the pipeline: turns a verified reply into a comment. Called at
 * most once per delivery key, except after a crash in the middle of a call, when the reply comes
 * again with {@link DeliveredReply#possibleRedelivery()} set.
 */
@FunctionalInterface
public interface ReplyHandler {

    /**
     * @param reply the verified reply
     * @throws Exception to ask for a later attempt (with backoff, then failure after the pipeline's
     *     maximum number of attempts)
     */
    void handle(DeliveredReply reply) throws Exception;
}
