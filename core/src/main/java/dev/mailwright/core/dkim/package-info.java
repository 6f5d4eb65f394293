/**
 * DKIM (RFC 6376, RFC 8463, RFC 8301): {@link dev.mailwright.core.dkim.DkimSigner} signs a message's
 * bytes with RSA-SHA256 and/or Ed25519-SHA256, relaxed/relaxed; {@link dev.mailwright.core.dkim.DkimVerifier}
 * checks the signatures of a received message, its keys found through a
 * {@link dev.mailwright.core.spi.DkimKeyLookup}. Shared by the sending and the receiving modules;
 * signatures use the JDK's own RSA and Ed25519 implementations.
 */
package dev.mailwright.core.dkim;
