package dev.mailwright.inbound.bounce;

/**
 * The host application's side of bounces: told of each bounce, complaint or auto-reply that came
 * back to a notification's signed bounce address (after the pipeline has counted it in the
 * suppression list, when one is configured), to disable email for the address as GitHub does, or
 * to show the problem to the user.
 */
@FunctionalInterface
public interface BounceHandler {

    /**
     * @param event the attributed and classified report
     * @throws Exception to ask for a later attempt (with backoff, then failure after the pipeline's
     *     maximum number of attempts); the suppression list counts the report once
     *     (by its {@link BounceEvent#eventId()})
     */
    void handle(BounceEvent event) throws Exception;
}
