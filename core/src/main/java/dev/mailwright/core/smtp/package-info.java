/**
 * The SMTP vocabulary the protocol modules share: {@link dev.mailwright.core.smtp.SmtpReply}, the
 * line-level {@link dev.mailwright.core.smtp.Transcript} and its recorder, and the one failure
 * vocabulary ({@link dev.mailwright.core.smtp.FailureClass}, {@link dev.mailwright.core.smtp.FailureCategory})
 * with its {@link dev.mailwright.core.smtp.FailureClassifier}.
 */
package dev.mailwright.core.smtp;
