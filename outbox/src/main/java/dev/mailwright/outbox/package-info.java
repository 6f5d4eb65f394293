/**
 * The outbox: {@link dev.mailwright.outbox.Outbox#enqueue(dev.mailwright.smtp.Notification)} stores a
 * notification durably and returns; workers claim due entries, send them through the
 * {@link dev.mailwright.smtp.NotificationMailer}'s transport and record the outcome (sent, failed,
 * deferred with backoff, dead after its lifetime). {@link dev.mailwright.outbox.OutboxAdmin} lists,
 * retries and purges entries; {@link dev.mailwright.outbox.OutboxStores} opens the embedded store or
 * PostgreSQL.
 */
package dev.mailwright.outbox;
