/**
 * Plug-in points of the incoming-mail pipeline: {@link dev.mailwright.inbound.spi.MailSource}
 * (where raw messages come from), {@link dev.mailwright.inbound.spi.SenderCheck} (whether the
 * sender may reply as the addressed user) and {@link dev.mailwright.inbound.spi.InboundStage} (a
 * host's own step in the chain of stages, with its {@link dev.mailwright.inbound.spi.StageContext}).
 */
package dev.mailwright.inbound.spi;
