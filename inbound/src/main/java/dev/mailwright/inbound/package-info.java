/**
 * The incoming-mail pipeline: {@link dev.mailwright.inbound.InboundPipeline} turns replies from a
 * {@link dev.mailwright.inbound.MaildirSource} (filled by Postfix or by the embedded
 * {@link dev.mailwright.inbound.InboundListener}) into calls of the host's
 * {@link dev.mailwright.inbound.ReplyHandler}, and files each message by its
 * {@link dev.mailwright.inbound.Disposition}.
 */
package dev.mailwright.inbound;
