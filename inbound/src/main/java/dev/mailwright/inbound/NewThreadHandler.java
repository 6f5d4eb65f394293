package dev.mailwright.inbound;

/**
 * The host application's side of new threads by email: mail to a signed new-thread address
 * ({@code reply+new-<scope type>-<scope id>-<token>@reply.<hostname>}) becomes an issue, a topic
 * or a help-desk ticket in the place the address names. The sender may have no account: the host
 * decides whether to create the thread, hold it for moderation or refuse it.
 *
 * <p>Like the {@link ReplyHandler}, it is called at most once per delivery key, except after a
 * crash in the middle of a call, when the mail comes again with
 * {@link NewThreadMail#possibleRedelivery()} set.
 *
 * <p>Set with {@link InboundPipeline.Builder#newThreadHandler}: the pipeline's {@code new-thread}
 * stage prepares the mail and its last stage calls the handler through the delivery ledger.
 * Without one, such mail is filed as failure with the code {@code address.new-thread}.
 */
@FunctionalInterface
public interface NewThreadHandler {

    /**
     * @param mail the verified mail
     * @return what the host did
     * @throws Exception to ask for a later attempt (with backoff, then failure after the pipeline's
     *     maximum number of attempts)
     */
    NewThreadDecision handle(NewThreadMail mail) throws Exception;
}
