/**
 * Plug-in points of the incoming-mail pipeline: {@link dev.mailwright.inbound.spi.MailSource}
 * (where raw messages come from) and {@link dev.mailwright.inbound.spi.SenderCheck} (whether the
 * sender may reply as the addressed user).
 */
package dev.mailwright.inbound.spi;
