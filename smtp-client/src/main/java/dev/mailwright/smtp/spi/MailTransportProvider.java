package dev.mailwright.smtp.spi;

/**
 * Creates transports for one URI scheme; found through {@link java.util.ServiceLoader} (declare it
 * in {@code META-INF/services/dev.mailwright.smtp.spi.MailTransportProvider} and with
 * {@code provides} in {@code module-info}). A provider that fails to load is skipped with a
 * warning; two providers for one scheme is an error that lists both.
 */
public interface MailTransportProvider {

    /** @return the URI scheme, lower case ({@code smtp}, {@code memory}) */
    String scheme();

    /** @return the Maven artifact that ships this provider, for error messages */
    default String artifact() {
        return "(unknown artifact)";
    }

    /**
     * @param context the URI and the settings
     * @return a new transport; the caller closes it
     * @throws IllegalArgumentException when the URI or the settings do not fit, saying what to change
     */
    MailTransport create(TransportContext context);
}
