/**
 * Who sent a message: SPF (RFC 7208), DKIM (through {@link dev.mailwright.core.dkim.DkimVerifier})
 * and DMARC (RFC 7489 and its successor RFC 9989: policy discovery and organizational domains by
 * the DNS tree walk, relaxed and strict alignment), combined by
 * {@link dev.mailwright.core.auth.MessageAuthenticator} into verdicts and an
 * {@code Authentication-Results} header field (RFC 8601). The DNS side is behind
 * {@link dev.mailwright.core.spi.SpfEvaluator} and {@link dev.mailwright.core.spi.DmarcPolicyLookup};
 * {@code mailwright-dns-verify} implements both.
 */
package dev.mailwright.core.auth;
