package dev.mailwright.core;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The rules behind {@link EmailSettings#validate()}. */
final class SettingsValidator {
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private SettingsValidator() {
    }

    static void validate(EmailSettings s, List<ValidationProblem> out) {
        smtp(s, out);
        auth(s, out);
        noReply(s, out);
        support(s, out);
        hostname(s, out);
        bounceDomain(s, out);
        timeout("smtp.connect-timeout", s.connectTimeout(), out);
        timeout("smtp.read-timeout", s.readTimeout(), out);
        timeout("smtp.write-timeout", s.writeTimeout(), out);
        DkimSettingsRules.validate(s, out);
    }

    private static void smtp(EmailSettings s, List<ValidationProblem> out) {
        String host = s.smtpHost().orElse(null);
        if (host == null || host.isBlank()) {
            if (s.enabled()) {
                out.add(new ValidationProblem("smtp.host", "smtp.host.missing",
                        "no SMTP server address is set; enter the host name of your SMTP server, such as smtp.example.com"));
            }
        } else if (!isHostOrAddress(host)) {
            out.add(new ValidationProblem("smtp.host", "smtp.host.invalid",
                    "'" + EmailAddresses.printable(host) + "' is not a valid DNS host name or IP address;"
                            + " enter a name such as smtp.example.com or an address such as 192.0.2.10"));
        }
        if (s.port() < 1 || s.port() > 65535) {
            out.add(new ValidationProblem("smtp.port", "smtp.port.out-of-range",
                    "port " + s.port() + " is out of range; use 1 to 65535 (usually 587 for STARTTLS, 465 for implicit TLS, 25 for a relay)"));
        }
        s.heloDomain().ifPresent(helo -> {
            if (!HostNames.isValidHostName(trimDot(helo))) {
                out.add(new ValidationProblem("smtp.helo-domain", "smtp.helo-domain.invalid",
                        "'" + EmailAddresses.printable(helo) + "' is not a valid domain name for HELO/EHLO;"
                                + " use the instance's fully qualified domain name, such as ghe.example.com"));
            }
        });
        if (s.security() == ConnectionSecurity.IMPLICIT_TLS && s.port() == 587) {
            out.add(new ValidationProblem("smtp.security", "smtp.security.implicit-tls-on-587",
                    "implicit TLS is selected with port 587, where servers expect STARTTLS;"
                            + " use port 465 for implicit TLS, or select starttls-required for port 587"));
        }
        if (s.security() != ConnectionSecurity.IMPLICIT_TLS && s.port() == 465) {
            out.add(new ValidationProblem("smtp.security", "smtp.security.plain-on-465",
                    "port 465 expects implicit TLS but security is '" + s.security().key()
                            + "'; select implicit-tls for port 465"));
        }
    }

    private static void auth(EmailSettings s, List<ValidationProblem> out) {
        AuthMethod auth = s.auth();
        if (auth == AuthMethod.NONE) {
            return;
        }
        if (s.username().filter(u -> !u.isBlank()).isEmpty()) {
            out.add(new ValidationProblem("smtp.username", "smtp.username.missing",
                    "authentication '" + auth.key() + "' is selected but no user name is set; enter the user name, or select auth none"));
        }
        if (auth == AuthMethod.XOAUTH2) {
            if (s.tokenSupplier().isEmpty()) {
                out.add(new ValidationProblem("smtp.password", "smtp.token.missing",
                        "XOAUTH2 is selected but no token supplier or token is set; configure a token supplier"));
            }
            if (!s.security().alwaysEncrypted()) {
                out.add(new ValidationProblem("smtp.security", "smtp.auth.xoauth2-unencrypted",
                        "XOAUTH2 would send a bearer token over a connection that may be unencrypted ('"
                                + s.security().key() + "'); select starttls-required or implicit-tls"));
            }
        } else {
            if (s.password().filter(p -> !p.isBlank()).isEmpty()) {
                out.add(new ValidationProblem("smtp.password", "smtp.password.missing",
                        "authentication '" + auth.key() + "' is selected but no password is set; enter the password"));
            }
            if (s.security() == ConnectionSecurity.NONE) {
                out.add(new ValidationProblem("smtp.security", "smtp.auth.password-unencrypted",
                        "authentication '" + auth.key() + "' would send the password in clear text (security 'none');"
                                + " select starttls-required or implicit-tls"));
            }
        }
    }

    private static void noReply(EmailSettings s, List<ValidationProblem> out) {
        String address = s.noReplyAddress().orElse(null);
        if (address == null || address.isBlank()) {
            if (s.enabled()) {
                out.add(new ValidationProblem("noreply-address", "noreply-address.missing",
                        "no no-reply address is set; enter the address used in From and To of notifications, such as noreply@example.com"));
            }
            return;
        }
        EmailAddresses.problem(address).ifPresent(p -> out.add(new ValidationProblem("noreply-address",
                "noreply-address.invalid", "'" + EmailAddresses.printable(address)
                        + "' is not an RFC 5322 address: " + p + "; enter a bare address such as noreply@example.com")));
    }

    private static void support(EmailSettings s, List<ValidationProblem> out) {
        s.supportContact().ifPresent(c -> {
            String v = c.value();
            if (c.kind() == SupportContact.Kind.EMAIL) {
                EmailAddresses.problem(v).ifPresent(p -> out.add(new ValidationProblem("support.email",
                        "support.email.invalid", "'" + EmailAddresses.printable(v) + "' is not an RFC 5322 address: " + p
                                + "; enter an internal support address such as support@example.com")));
            } else {
                String lower = v.toLowerCase(Locale.ROOT);
                if (!(lower.startsWith("http://") || lower.startsWith("https://"))) {
                    out.add(new ValidationProblem("support.url", "support.url.scheme",
                            "'" + EmailAddresses.printable(v) + "' must start with http:// or https://, such as https://support.example.com"));
                } else {
                    try {
                        java.net.URI uri = new java.net.URI(v);
                        if (uri.getHost() == null) {
                            throw new java.net.URISyntaxException(v, "no host");
                        }
                    } catch (java.net.URISyntaxException e) {
                        out.add(new ValidationProblem("support.url", "support.url.invalid",
                                "'" + EmailAddresses.printable(v) + "' is not a valid URL (" + e.getReason()
                                        + "); enter a link such as https://support.example.com"));
                    }
                }
            }
        });
    }

    private static void hostname(EmailSettings s, List<ValidationProblem> out) {
        String h = s.hostname().orElse(null);
        if (h == null || h.isBlank()) {
            if (s.enabled()) {
                out.add(new ValidationProblem("hostname", "hostname.missing",
                        "no instance host name is set; enter the name people use to reach the instance, such as ghe.example.com"
                                + " (replies go to reply.<hostname>)"));
            }
        } else if (!HostNames.isValidHostName(trimDot(h))) {
            out.add(new ValidationProblem("hostname", "hostname.invalid",
                    "'" + EmailAddresses.printable(h) + "' is not a valid DNS host name; use letters, digits and"
                            + " hyphens in dot-separated labels, such as ghe.example.com"));
        }
    }

    private static void bounceDomain(EmailSettings s, List<ValidationProblem> out) {
        s.bounceDomain().filter(d -> !HostNames.isValidHostName(trimDot(d.strip()))).ifPresent(d ->
                out.add(new ValidationProblem("bounce-domain", "bounce-domain.invalid",
                        "'" + EmailAddresses.printable(d) + "' is not a valid DNS host name; use the domain whose mail"
                                + " reaches the inbound pipeline, such as bounces.ghe.example.com, or leave it unset"
                                + " for noreply.<hostname>")));
    }

    private static void timeout(String path, Duration d, List<ValidationProblem> out) {
        if (d.isNegative() || d.isZero()) {
            out.add(new ValidationProblem(path, path + ".not-positive",
                    "timeout " + d + " is not positive; a zero timeout means 'wait forever'. Use a finite value such as 30s"));
        } else if (d.compareTo(MAX_TIMEOUT) > 0) {
            out.add(new ValidationProblem(path, path + ".too-long",
                    "timeout " + d + " is longer than " + MAX_TIMEOUT.toMinutes() + " minutes; use a value such as 30s"));
        }
    }

    private static String trimDot(String h) {
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    static boolean isHostOrAddress(String host) {
        if (HostNames.isValidHostName(trimDot(host))) {
            return true;
        }
        if (host.indexOf(':') >= 0) {
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.') && h.contains(":");
        }
        return false;
    }
}
