/**
 * What an outbox store implements: {@link dev.mailwright.outbox.spi.OutboxStore} and the records it
 * exchanges with the workers. The built-in stores are opened with
 * {@link dev.mailwright.outbox.OutboxStores}.
 */
package dev.mailwright.outbox.spi;
