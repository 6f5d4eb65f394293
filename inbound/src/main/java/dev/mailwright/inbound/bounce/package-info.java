/**
 * Bounces and complaints: {@link dev.mailwright.inbound.bounce.BounceRecognizer} recognises
 * delivery status notifications (RFC 3464 and the common non-standard formats), ARF complaints
 * (RFC 5965) and auto-replies sent to a notification's bounce address, and classifies them into a
 * {@link dev.mailwright.inbound.bounce.BounceEvent} for the suppression list.
 */
package dev.mailwright.inbound.bounce;
