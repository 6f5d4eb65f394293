/**
 * Mailwright core: the email settings and their validation, secrets, settings storage, the
 * reply-address codec and its key ring, the host-name rules, and the {@link dev.mailwright.core.Finding}
 * type shared by every diagnosis.
 */
package dev.mailwright.core;
