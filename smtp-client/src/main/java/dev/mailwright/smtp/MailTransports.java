package dev.mailwright.smtp;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.smtp.spi.MailTransport;
import dev.mailwright.smtp.spi.MailTransportProvider;
import dev.mailwright.smtp.spi.TransportContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link MailTransport} by URI: {@code smtp://}, {@code smtps://}, {@code memory:},
 * {@code pickup:/dir}, or any scheme a {@link MailTransportProvider} on the class or module path
 * declares. {@link #open(URI, EmailSettings, List)} takes the providers in code, without
 * {@link ServiceLoader}.
 */
public final class MailTransports {
    private static final Logger LOG = LoggerFactory.getLogger(MailTransports.class);

    private MailTransports() {
    }

    /**
     * @param uri the transport URI as text: {@code smtp://}, {@code smtp://host:port}, {@code smtps://},
     *     {@code memory:}, {@code pickup:/path}
     * @param settings the email settings
     * @return a new transport; the caller closes it
     * @throws TransportSelectionException when no provider, or several, serve the scheme
     * @throws IllegalArgumentException when the text is not a URI
     */
    public static MailTransport open(String uri, EmailSettings settings) {
        return open(parse(uri), settings);
    }

    /**
     * @param uri the transport URI as text
     * @param settings the email settings
     * @param providers the candidates
     * @return a new transport
     */
    public static MailTransport open(String uri, EmailSettings settings, List<MailTransportProvider> providers) {
        return open(parse(uri), settings, providers);
    }

    /**
     * Parses a transport URI, accepting the short forms {@code memory:} and {@code smtp://} that
     * {@link URI} refuses (they become {@code memory:/} and {@code smtp:/}).
     *
     * @param text the URI
     * @return the URI
     * @throws IllegalArgumentException naming the text when it is not a URI
     */
    public static URI parse(String text) {
        Objects.requireNonNull(text, "uri");
        String t = text.strip();
        if (t.matches("[A-Za-z][A-Za-z0-9+.-]*:(//)?")) {
            t = t.substring(0, t.indexOf(':')) + ":/";
        }
        try {
            return new URI(t);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a transport URI (" + e.getReason()
                    + "); use smtp://, smtps://, memory: or pickup:/dir", e);
        }
    }

    /**
     * @param uri the transport URI
     * @param settings the email settings
     * @return a new transport; the caller closes it
     * @throws TransportSelectionException when no provider, or several, serve the scheme
     */
    public static MailTransport open(URI uri, EmailSettings settings) {
        return open(uri, settings, discover(MailTransports.class.getClassLoader()));
    }

    /**
     * @param uri the transport URI
     * @param settings the email settings
     * @param providers the candidates
     * @return a new transport from the one provider of the URI's scheme
     * @throws TransportSelectionException when no provider, or several, serve the scheme
     */
    public static MailTransport open(URI uri, EmailSettings settings, List<MailTransportProvider> providers) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(settings, "settings");
        return select(uri, providers).create(new TransportContext(uri, settings));
    }

    /**
     * @param uri the transport URI
     * @param providers the candidates
     * @return the one provider for the URI's scheme
     * @throws TransportSelectionException when there is none or several
     */
    public static MailTransportProvider select(URI uri, List<MailTransportProvider> providers) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            throw new TransportSelectionException("The transport URI '" + uri + "' has no scheme; use smtp://, smtps://, memory: or pickup:/dir");
        }
        List<MailTransportProvider> matching = providers.stream().filter(p -> scheme.equals(p.scheme())).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.isEmpty()) {
            String known = providers.stream().map(MailTransportProvider::scheme).distinct().sorted().collect(Collectors.joining(", "));
            throw new TransportSelectionException("No mail transport for the scheme '" + scheme + "' (URI " + uri + "). Known schemes: "
                    + (known.isEmpty() ? "none" : known) + ". Add the artifact that provides '" + scheme + "' (smtp, smtps, memory"
                    + " and pickup come with dev.mailwright:mailwright-smtp-client) to the class path or module path.");
        }
        throw new TransportSelectionException("Several mail transports claim the scheme '" + scheme + "': " + matching.stream()
                .map(p -> p.getClass().getName() + " (" + p.artifact() + ")").collect(Collectors.joining(", "))
                + ". Remove all but one from the class path, or pass the one to use with MailTransports.open(uri, settings, providers).");
    }

    /**
     * Finds the providers declared for {@link ServiceLoader}; a provider that cannot be loaded is
     * skipped with a warning naming it.
     *
     * @param loader the class loader to search
     * @return the providers found
     */
    public static List<MailTransportProvider> discover(ClassLoader loader) {
        List<MailTransportProvider> found = new ArrayList<>();
        Iterator<MailTransportProvider> it = ServiceLoader.load(MailTransportProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("Skipping a mail transport provider that cannot be loaded: {}", e.getMessage());
            }
        }
        return found;
    }
}
