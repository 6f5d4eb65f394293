/**
 * What a transport plug-in implements: {@link dev.mailwright.smtp.spi.MailTransport} and its
 * {@link dev.mailwright.smtp.spi.MailTransportProvider}, found by URI scheme through
 * {@link java.util.ServiceLoader}.
 */
package dev.mailwright.smtp.spi;
