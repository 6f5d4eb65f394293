package dev.mailwright.inbound.bounce;

/** The shape a bounce or complaint arrived in. */
public enum BounceFormat {
    /** A delivery status notification, {@code multipart/report; report-type=delivery-status} (RFC 3464, RFC 6533). */
    DSN,
    /** An abuse report, {@code multipart/report; report-type=feedback-report} (ARF, RFC 5965). */
    ARF,
    /** A Microsoft Exchange non-delivery report in text ("Delivery has failed to these recipients"). */
    EXCHANGE,
    /** A qmail bounce (QSBMF: "Hi. This is the qmail-send program"). */
    QMAIL,
    /** A Gmail bounce in text ("Delivery Status Notification (Failure)", "The response from the remote server was"). */
    GMAIL,
    /** Another text bounce: Exim's "Mail delivery failed", an {@code X-Failed-Recipients} header, a mailer daemon. */
    TEXT,
    /** An automatic reply (RFC 3834 {@code Auto-Submitted: auto-replied}, vacation and out-of-office messages). */
    AUTO_REPLY,
    /** Mail to a bounce address in none of the shapes above. */
    UNKNOWN
}
