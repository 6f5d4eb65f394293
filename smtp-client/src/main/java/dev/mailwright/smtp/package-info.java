/**
 * Notification emails: the {@link dev.mailwright.smtp.Notification} value, the
 * {@link dev.mailwright.smtp.NotificationMailer} that composes and sends it, transports chosen by
 * URI ({@link dev.mailwright.smtp.MailTransports}), the {@link dev.mailwright.smtp.SendResult}
 * outcome and the {@link dev.mailwright.smtp.FailureCategory} classification.
 */
package dev.mailwright.smtp;
