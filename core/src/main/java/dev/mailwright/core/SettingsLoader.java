package dev.mailwright.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads {@link EmailSettings} from properties, a properties file or environment variables, using
 * the keys of {@link SettingsKey}. Values that cannot be converted (a port that is not a number)
 * and unknown {@code mailwright.*} keys do not throw: they become {@link ValidationProblem}s that
 * {@link EmailSettings#validate()} reports together with every other problem.
 */
public final class SettingsLoader {
    private static final Map<String, SettingsKey> BY_PROPERTY = Arrays.stream(SettingsKey.values())
            .collect(Collectors.toUnmodifiableMap(SettingsKey::property, Function.identity()));

    private SettingsLoader() {
    }

    /**
     * @param file a properties file (UTF-8)
     * @return the settings it describes
     * @throws MailwrightException when the file cannot be read
     */
    public static EmailSettings fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new MailwrightException("Cannot read the settings file " + file + ": " + IoErrors.describe(e)
                    + ". Check that it exists, is readable and is a UTF-8 properties file.", e);
        }
        return fromProperties(p);
    }

    /**
     * @param properties keys such as {@code mailwright.smtp.host}; other keys are ignored
     * @return the settings; conversion problems are reported by {@link EmailSettings#validate()}
     */
    public static EmailSettings fromProperties(Properties properties) {
        Map<SettingsKey, String> values = new HashMap<>();
        EmailSettings.Builder b = EmailSettings.builder();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith(SettingsKey.PREFIX)) {
                continue;
            }
            SettingsKey key = BY_PROPERTY.get(name);
            if (key == null) {
                b.loadProblem(new ValidationProblem(name.substring(SettingsKey.PREFIX.length()), "key.unknown",
                        "unknown key '" + name + "'" + suggestion(name) + "; see the table of keys in the README"));
            } else {
                values.put(key, properties.getProperty(name));
            }
        }
        return apply(values, b);
    }

    /**
     * @param environment usually {@code System.getenv()}; variables such as {@code MAILWRIGHT_SMTP_HOST}
     * @return the settings
     */
    public static EmailSettings fromEnvironment(Map<String, String> environment) {
        Map<SettingsKey, String> values = new HashMap<>();
        for (SettingsKey key : SettingsKey.values()) {
            String v = environment.get(key.environmentVariable());
            if (v != null) {
                values.put(key, v);
            }
        }
        return apply(values, EmailSettings.builder());
    }

    /**
     * @param settings settings to write
     * @return the properties that {@link #fromProperties(Properties)} reads back into equal settings
     *     (the password included: store them owner-only, as {@link SettingsStore} does)
     */
    public static Properties toProperties(EmailSettings settings) {
        Properties p = new Properties();
        put(p, SettingsKey.ENABLED, String.valueOf(settings.enabled()));
        put(p, SettingsKey.SMTP_HOST, settings.smtpHost().orElse(null));
        put(p, SettingsKey.SMTP_PORT, String.valueOf(settings.port()));
        put(p, SettingsKey.SMTP_HELO_DOMAIN, settings.heloDomain().orElse(null));
        put(p, SettingsKey.SMTP_SECURITY, settings.security().key());
        put(p, SettingsKey.SMTP_AUTH, settings.auth().key());
        put(p, SettingsKey.SMTP_USERNAME, settings.username().orElse(null));
        put(p, SettingsKey.SMTP_PASSWORD, settings.password().map(Secret::reveal).orElse(null));
        put(p, SettingsKey.SMTP_CONNECT_TIMEOUT, settings.connectTimeout().toMillis() + "ms");
        put(p, SettingsKey.SMTP_READ_TIMEOUT, settings.readTimeout().toMillis() + "ms");
        put(p, SettingsKey.SMTP_WRITE_TIMEOUT, settings.writeTimeout().toMillis() + "ms");
        put(p, SettingsKey.NOREPLY_ADDRESS, settings.noReplyAddress().orElse(null));
        put(p, SettingsKey.DISCARD_NOREPLY_MAIL, String.valueOf(settings.discardNoReplyMail()));
        settings.supportContact().ifPresent(c -> put(p,
                c.kind() == SupportContact.Kind.EMAIL ? SettingsKey.SUPPORT_EMAIL : SettingsKey.SUPPORT_URL, c.value()));
        put(p, SettingsKey.HOSTNAME, settings.hostname().orElse(null));
        put(p, SettingsKey.BOUNCE_DOMAIN, settings.bounceDomain().orElse(null));
        put(p, SettingsKey.INBOUND_ENFORCE_TLS, String.valueOf(settings.enforceTlsForIncoming()));
        DkimSettingsRules.put(p, settings.dkim());
        return p;
    }

    private static void put(Properties p, SettingsKey key, String value) {
        if (value != null) {
            p.setProperty(key.property(), value);
        }
    }

    private static EmailSettings apply(Map<SettingsKey, String> values, EmailSettings.Builder b) {
        DkimSettingsRules.load(values.remove(SettingsKey.DKIM_DOMAIN), values.remove(SettingsKey.DKIM_SELECTOR),
                values.remove(SettingsKey.DKIM_KEY_FILE), b);
        values.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                // both support keys: a load problem below; the URL is kept, as it always was
                .filter(e -> !(e.getKey() == SettingsKey.SUPPORT_EMAIL && values.containsKey(SettingsKey.SUPPORT_URL)))
                .forEach(e -> applyOne(e.getKey(), e.getKey().isSecret() ? e.getValue() : e.getValue().strip(), b));
        if (values.containsKey(SettingsKey.SUPPORT_EMAIL) && values.containsKey(SettingsKey.SUPPORT_URL)) {
            b.loadProblem(new ValidationProblem("support", "support.both",
                    "both support.email and support.url are set; the support contact is either an email address or a URL: keep one"));
        }
        return b.build();
    }

    /** The keys whose empty value means "not set" (the others report an empty value as a problem). */
    private static final java.util.Set<SettingsKey> TEXT_KEYS = java.util.Set.of(SettingsKey.SMTP_HOST,
            SettingsKey.SMTP_HELO_DOMAIN, SettingsKey.SMTP_USERNAME, SettingsKey.SMTP_PASSWORD, SettingsKey.NOREPLY_ADDRESS,
            SettingsKey.SUPPORT_EMAIL, SettingsKey.SUPPORT_URL, SettingsKey.HOSTNAME, SettingsKey.BOUNCE_DOMAIN);

    private static void applyOne(SettingsKey key, String v, EmailSettings.Builder b) {
        if (v.isEmpty() && TEXT_KEYS.contains(key)) {
            return; // an empty text value leaves the setting unset
        }
        switch (key) {
            case ENABLED -> bool(key, v, b).ifPresent(b::enabled);
            case SMTP_HOST -> b.smtpHost(v);
            case SMTP_PORT -> {
                try {
                    b.port(Integer.parseInt(v));
                } catch (NumberFormatException e) {
                    b.loadProblem(new ValidationProblem(key.path(), "smtp.port.not-a-number",
                            "'" + EmailAddresses.printable(v) + "' is not a port number; use 1 to 65535, such as 587"));
                }
            }
            case SMTP_HELO_DOMAIN -> b.heloDomain(v);
            case SMTP_SECURITY -> {
                try {
                    b.security(ConnectionSecurity.fromKey(v));
                } catch (IllegalArgumentException e) {
                    b.loadProblem(new ValidationProblem(key.path(), "smtp.security.unknown", e.getMessage()));
                }
            }
            case SMTP_AUTH -> {
                try {
                    b.auth(AuthMethod.fromKey(v));
                } catch (IllegalArgumentException e) {
                    b.loadProblem(new ValidationProblem(key.path(), "smtp.auth.unknown", e.getMessage()));
                }
            }
            case SMTP_USERNAME -> b.username(v);
            case SMTP_PASSWORD -> b.password(Secret.of(v));
            case SMTP_CONNECT_TIMEOUT -> duration(key, v, b).ifPresent(b::connectTimeout);
            case SMTP_READ_TIMEOUT -> duration(key, v, b).ifPresent(b::readTimeout);
            case SMTP_WRITE_TIMEOUT -> duration(key, v, b).ifPresent(b::writeTimeout);
            case NOREPLY_ADDRESS -> b.noReplyAddress(v);
            case DISCARD_NOREPLY_MAIL -> bool(key, v, b).ifPresent(b::discardNoReplyMail);
            case SUPPORT_EMAIL -> b.supportContact(SupportContact.email(v));
            case SUPPORT_URL -> b.supportContact(SupportContact.url(v));
            case HOSTNAME -> b.hostname(v);
            case BOUNCE_DOMAIN -> b.bounceDomain(v);
            case INBOUND_ENFORCE_TLS -> bool(key, v, b).ifPresent(b::enforceTlsForIncoming);
            default -> throw new IllegalStateException("unhandled key " + key);
        }
    }

    private static java.util.Optional<Boolean> bool(SettingsKey key, String v, EmailSettings.Builder b) {
        String l = v.toLowerCase(Locale.ROOT);
        if (l.equals("true") || l.equals("yes") || l.equals("on")) {
            return java.util.Optional.of(true);
        }
        if (l.equals("false") || l.equals("no") || l.equals("off")) {
            return java.util.Optional.of(false);
        }
        b.loadProblem(new ValidationProblem(key.path(), key.path() + ".not-a-boolean",
                "'" + EmailAddresses.printable(v) + "' is not true or false"));
        return java.util.Optional.empty();
    }

    /**
     * Parses {@code 500ms}, {@code 10s}, {@code 2m}, a number of milliseconds, or ISO-8601 ({@code PT10S}).
     *
     * @param text the text
     * @return the duration
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).strip()));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).strip()));
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + EmailAddresses.printable(text)
                    + "' is not a duration; write 500ms, 10s, 2m or PT10S", e);
        }
    }

    private static java.util.Optional<Duration> duration(SettingsKey key, String v, EmailSettings.Builder b) {
        try {
            return java.util.Optional.of(parseDuration(v));
        } catch (IllegalArgumentException e) {
            b.loadProblem(new ValidationProblem(key.path(), key.path() + ".not-a-duration", e.getMessage()));
            return java.util.Optional.empty();
        }
    }

    private static String suggestion(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : BY_PROPERTY.keySet()) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
