package dev.mailwright.dns;

/** How a probed SMTP port starts TLS. */
public enum TlsMode {
    /** Plain text first, then {@code STARTTLS} when offered (ports 25 and 587). */
    STARTTLS,
    /** TLS from the first byte (port 465, "SMTPS"). */
    IMPLICIT;

    /**
     * @param port a port number
     * @return {@link #IMPLICIT} for 465, {@link #STARTTLS} otherwise
     */
    public static TlsMode forPort(int port) {
        return port == 465 ? IMPLICIT : STARTTLS;
    }
}
