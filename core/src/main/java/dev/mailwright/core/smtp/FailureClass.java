package dev.mailwright.core.smtp;

/**
 * Why an SMTP exchange failed: the one vocabulary of Mailwright's SMTP failures. A failed
 * notification send, a failed test email, the analysis of a transcript and a port probe all name
 * their failure with one of these, decided by {@link FailureClassifier}. Each class has a
 * description, a remedy an administrator can act on, a {@link FailureCategory} a program acts on,
 * and {@link #isTransient()} (the category's). The {@link #code()} is the
 * {@link dev.mailwright.core.Finding} code.
 */
public enum FailureClass {
    /** The settings are invalid; nothing was sent. */
    SETTINGS_INVALID("smtp.settings.invalid", "the settings are invalid",
            "Correct the settings listed above, then send the test email again."),
    /** 535: user name or password not accepted. */
    AUTH_REJECTED("smtp.auth.rejected", "the server rejected the credentials",
            "Check the user name and the password (re-enter the password: it may have changed or expired)."
                    + " Use the full address as user name if the provider expects it."),
    /** 534 5.7.9, 535 5.7.139, 534 5.7.14: the account needs an app password or modern auth. */
    APP_PASSWORD_REQUIRED("smtp.auth.app-password-required",
            "the server refuses the account password: an app password or modern authentication (OAuth) is required",
            "Create an app-specific password for this account (or enable SMTP AUTH for the mailbox), or switch"
                    + " authentication to xoauth2 with a token supplier."),
    /** 504 or 535 5.7.8 for the mechanism: the server does not accept this AUTH mechanism. */
    AUTH_MECHANISM_REJECTED("smtp.auth.mechanism-rejected", "the server does not accept this authentication mechanism",
            "Select another authentication method (plain or login are the most widely supported)."),
    /** AUTH was wanted but the server did not offer it. */
    AUTH_NOT_OFFERED("smtp.auth.not-offered", "the server did not offer authentication (no AUTH in its EHLO reply)",
            "Many servers offer AUTH only after STARTTLS: select starttls-required. Otherwise check the port (587 for"
                    + " submission) or select auth none if the server relays for this host."),
    /** 530 without TLS wording: the server requires authentication. */
    AUTH_REQUIRED("smtp.auth.required", "the server requires authentication",
            "Select an authentication method (login or plain) and enter the user name and password."),
    /** 530 5.7.0 Must issue a STARTTLS command first. */
    STARTTLS_REQUIRED_BY_SERVER("smtp.tls.required-by-server", "the server requires STARTTLS before this command",
            "Select connection security starttls-required (port 587) or implicit-tls (port 465)."),
    /** The settings require STARTTLS but the server did not offer it. */
    STARTTLS_NOT_OFFERED("smtp.tls.starttls-not-offered", "the server did not offer STARTTLS",
            "Check the port: 587 offers STARTTLS, 465 expects implicit TLS. If the server really has no TLS, it must"
                    + " be a relay on a trusted network: only then select security none."),
    /** The server refused STARTTLS (454). */
    STARTTLS_FAILED("smtp.tls.starttls-failed", "the server offered STARTTLS but refused to start it",
            "The server's TLS setup is broken (often an expired or missing certificate): ask its administrator, or"
                    + " use implicit-tls on port 465."),
    /** The server's certificate is not trusted (self-signed, unknown CA, expired). */
    UNTRUSTED_CERTIFICATE("smtp.tls.untrusted-certificate", "the server's certificate is not trusted",
            "Install the server's CA certificate in the Java trust store used by Mailwright, or get the server a"
                    + " certificate from a public CA. Do not turn off certificate checks."),
    /** The certificate is valid but for another host name. */
    CERTIFICATE_HOST_MISMATCH("smtp.tls.host-mismatch", "the server's certificate is for another host name",
            "Use the host name written in the server's certificate as the SMTP server address (not an IP address or"
                    + " an alias), or get a certificate that names this host."),
    /** No common TLS protocol version or cipher. */
    TLS_PROTOCOL_MISMATCH("smtp.tls.protocol-mismatch", "the client and the server share no TLS protocol version or cipher",
            "Upgrade the server to TLS 1.2 or later (older versions are disabled in Java), or align the TLS protocols"
                    + " configured on both sides."),
    /** Implicit TLS spoken to a port that expects plain SMTP/STARTTLS. */
    IMPLICIT_TLS_TO_PLAIN_PORT("smtp.tls.implicit-to-plain-port",
            "implicit TLS was used on a port that speaks plain SMTP (it answered with a text greeting)",
            "Select starttls-required for this port (usually 587 or 25), or use port 465 for implicit TLS."),
    /** Plain SMTP spoken to a port that expects implicit TLS. */
    PLAIN_TO_IMPLICIT_TLS_PORT("smtp.tls.plain-to-implicit-port",
            "plain SMTP was used on a port that expects implicit TLS (no greeting; the port answers a TLS handshake)",
            "Select implicit-tls for this port (usually 465), or use port 587 with starttls-required."),
    /** 550 5.7.1 / 554 relay denied. */
    RELAY_DENIED("smtp.rcpt.relay-denied", "the server refused to relay to the recipient",
            "Authenticate (select login or plain), or ask the server's administrator to allow relaying from this"
                    + " instance's address."),
    /** The sender (MAIL FROM) was refused. */
    SENDER_REFUSED("smtp.mail.sender-refused", "the server refused the sender address",
            "Use a no-reply address that the authenticated account may send as (same domain, or an allowed alias)."),
    /** The recipient was refused (unknown user). */
    RECIPIENT_REFUSED("smtp.rcpt.refused", "the server refused the recipient",
            "Check the recipient address; for the test email, send to a mailbox the server knows."),
    /** 552: the message is too large. */
    MESSAGE_TOO_LARGE("smtp.data.too-large", "the message is larger than the server accepts",
            "Raise the server's message size limit, or send smaller messages."),
    /** 554 (or 550) after the data: the content was refused. */
    MESSAGE_REJECTED("smtp.data.rejected", "the server refused the message content",
            "Read the server's reason (often a spam or policy filter) and ask its administrator to allow this sender."),
    /** 450/451 with greylisting wording. */
    GREYLISTED("smtp.temp.greylisted", "the server greylisted the message (temporary refusal)",
            "Nothing is wrong with the settings: retry in a few minutes, or ask the administrator to whitelist"
                    + " this instance."),
    /** 421/450/451 with rate wording. */
    RATE_LIMITED("smtp.temp.rate-limited", "the server is limiting the rate of connections or messages",
            "Send fewer messages per minute (lower the pool size), or ask the provider for a higher limit."),
    /** 421 service not available. */
    SERVICE_UNAVAILABLE("smtp.temp.service-unavailable", "the server is not available right now (421)",
            "Retry later; if it persists, check the server's health and its limits."),
    /** Another 4xx reply. */
    TEMPORARY_FAILURE("smtp.temp.failure", "the server refused temporarily",
            "Retry later; read the server's reason in the evidence."),
    /** The server refused the session at the greeting (554). */
    CONNECTION_REJECTED("smtp.connect.rejected", "the server refused the session in its greeting",
            "The server does not accept mail from this instance's address: ask its administrator to allow it."),
    /** Connection refused: nothing listens on the port. */
    CONNECTION_REFUSED("smtp.connect.refused", "the connection was refused: nothing listens on that port",
            "Check the SMTP server address and port (587 submission, 465 implicit TLS, 25 relay) and that the server runs."),
    /** The connection could not be established in time. */
    CONNECT_TIMEOUT("smtp.connect.timeout", "the connection timed out",
            "A firewall probably drops the traffic: check that outbound connections to this port are allowed, and the address."),
    /** Connected, but the server never sent its greeting. */
    BANNER_TIMEOUT("smtp.connect.banner-timeout", "the server accepted the connection but never sent its greeting",
            "Check the port (on 465 the server waits for TLS: select implicit-tls), or a proxy or firewall that holds connections."),
    /** The server stopped answering during the session. */
    SERVER_TIMEOUT("smtp.session.timeout", "the server stopped answering during the session",
            "Retry; if it persists, raise the read timeout or check the server's load."),
    /** The host name does not resolve. */
    UNKNOWN_HOST("smtp.connect.unknown-host", "the SMTP server's host name does not resolve",
            "Check the spelling of the server address and this instance's DNS resolver."),
    /** The server closed the connection before the conversation ended. */
    SERVER_CLOSED_EARLY("smtp.session.closed-early", "the server closed the connection before the end of the conversation",
            "Check the server's logs for the reason (a policy, an overload, an idle limit); retry."),
    /** No pooled connection became free in time (a send that never reached the server). */
    POOL_EXHAUSTED("smtp.pool.exhausted", "no SMTP connection became free in time",
            "Raise the pool's maximum size or its wait, or send fewer notifications at once."),
    /** Any other failure. */
    UNKNOWN("smtp.failure.unknown", "the send failed",
            "Read the error and the last server reply in the evidence; attach the transcript to a support request.");

    private final String code;
    private final String description;
    private final String remedy;

    FailureClass(String code, String description, String remedy) {
        this.code = code;
        this.description = description;
        this.remedy = remedy;
    }

    /** @return the finding code, such as {@code smtp.auth.rejected} */
    public String code() {
        return code;
    }

    /** @return what went wrong, in plain words */
    public String description() {
        return description;
    }

    /** @return what to do about it */
    public String remedy() {
        return remedy;
    }

    /**
     * @return the coarser category a program acts on; a failed notification send
     *     ({@code SendResult.Failed}) and a failed test email report the same one for the same
     *     failure
     */
    public FailureCategory category() {
        return switch (this) {
            case AUTH_REJECTED, APP_PASSWORD_REQUIRED, AUTH_MECHANISM_REJECTED, AUTH_NOT_OFFERED, AUTH_REQUIRED ->
                    FailureCategory.AUTHENTICATION;
            case STARTTLS_REQUIRED_BY_SERVER, STARTTLS_NOT_OFFERED -> FailureCategory.TLS_REQUIRED;
            case STARTTLS_FAILED, TLS_PROTOCOL_MISMATCH, IMPLICIT_TLS_TO_PLAIN_PORT, PLAIN_TO_IMPLICIT_TLS_PORT ->
                    FailureCategory.TLS_HANDSHAKE;
            case UNTRUSTED_CERTIFICATE, CERTIFICATE_HOST_MISMATCH -> FailureCategory.CERTIFICATE;
            // a 554 greeting refuses this client for good, like a refused relay: not retried
            case RELAY_DENIED, CONNECTION_REJECTED -> FailureCategory.RELAY_DENIED;
            case RECIPIENT_REFUSED -> FailureCategory.RECIPIENT_REJECTED;
            case SENDER_REFUSED, MESSAGE_TOO_LARGE, MESSAGE_REJECTED -> FailureCategory.MESSAGE_REJECTED;
            case GREYLISTED, RATE_LIMITED, SERVICE_UNAVAILABLE, TEMPORARY_FAILURE -> FailureCategory.TRANSIENT;
            case CONNECTION_REFUSED -> FailureCategory.CONNECTION_REFUSED;
            case CONNECT_TIMEOUT, BANNER_TIMEOUT, SERVER_TIMEOUT -> FailureCategory.TIMEOUT;
            case UNKNOWN_HOST -> FailureCategory.UNKNOWN_HOST;
            case SERVER_CLOSED_EARLY -> FailureCategory.CONNECTION_LOST;
            case POOL_EXHAUSTED -> FailureCategory.POOL_EXHAUSTED;
            case SETTINGS_INVALID, UNKNOWN -> FailureCategory.UNKNOWN;
        };
    }

    /**
     * @return true when trying again later may succeed (4xx refusals, timeouts, a refused or lost
     *     connection); always {@code category().isTransient()}
     */
    public boolean isTransient() {
        return category().isTransient();
    }
}
