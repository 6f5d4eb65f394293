package dev.mailwright.dns.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SPF macro expansion (RFC 7208 section 7) for the domain-spec of a term: {@code %{s}}, {@code l},
 * {@code o}, {@code d}, {@code i}, {@code p}, {@code v}, {@code h}, with the digit and {@code r}
 * transformers and delimiters; {@code %%}, {@code %_}, {@code %-}. {@code %{p}} expands to
 * {@code unknown} (the RFC discourages its lookups). An upper-case letter URL-escapes the value.
 *
 * @param sender the checked sender ({@code postmaster@<helo>} for the null sender)
 * @param helo the HELO/EHLO name
 * @param ip the client address
 */
record SpfMacros(String sender, String helo, InetAddress ip) {

    /**
     * @param spec the domain-spec with macros
     * @param domain the current domain ({@code %{d}})
     * @return the expanded name, shortened from the left to 253 characters; empty for a syntax error
     */
    Optional<String> expand(String spec, String domain) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 >= spec.length()) {
                return Optional.empty();
            }
            char n = spec.charAt(++i);
            if (n == '%' || n == '_' || n == '-') {
                out.append(n == '%' ? "%" : n == '_' ? " " : "%20");
                continue;
            }
            int close = spec.indexOf('}', i);
            if (n != '{' || close < 0) {
                return Optional.empty();
            }
            Optional<String> value = macro(spec.substring(i + 1, close), domain);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            out.append(value.get());
            i = close;
        }
        return Optional.of(shorten(out.toString()));
    }

    private Optional<String> macro(String body, String domain) {
        if (body.isEmpty()) {
            return Optional.empty();
        }
        char letter = body.charAt(0);
        String value = value(Character.toLowerCase(letter), domain);
        if (value == null) {
            return Optional.empty();
        }
        int j = 1;
        while (j < body.length() && Character.isDigit(body.charAt(j))) {
            j++;
        }
        int keep = j > 1 ? Integer.parseInt(body.substring(1, Math.min(j, 4))) : 0;
        boolean reverse = j < body.length() && Character.toLowerCase(body.charAt(j)) == 'r';
        String delimiters = body.substring(reverse ? j + 1 : j);
        if (j > 1 && keep == 0 || !delimiters.chars().allMatch(ch -> ".-+,/_=".indexOf(ch) >= 0)) {
            return Optional.empty();
        }
        List<String> parts = split(value, delimiters.isEmpty() ? "." : delimiters);
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep > 0 && keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        String joined = String.join(".", parts);
        return Optional.of(Character.isUpperCase(letter) ? URLEncoder.encode(joined, StandardCharsets.UTF_8) : joined);
    }

    private String value(char letter, String domain) {
        int at = sender.lastIndexOf('@');
        return switch (letter) {
            case 's' -> sender;
            case 'l' -> at <= 0 ? "postmaster" : sender.substring(0, at);
            case 'o' -> sender.substring(at + 1);
            case 'd' -> domain;
            case 'i' -> ip(ip);
            case 'p' -> "unknown";
            case 'v' -> ip instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> helo;
            default -> null;
        };
    }

    private static String ip(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        StringBuilder out = new StringBuilder();
        for (byte b : ip.getAddress()) {
            out.append(out.length() == 0 ? "" : ".").append(Character.forDigit((b >> 4) & 0xf, 16)).append('.')
                    .append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }

    private static List<String> split(String value, String delimiters) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int k = 0; k <= value.length(); k++) {
            if (k == value.length() || delimiters.indexOf(value.charAt(k)) >= 0) {
                parts.add(value.substring(start, k));
                start = k + 1;
            }
        }
        return parts;
    }

    private static String shorten(String name) {
        String n = name.toLowerCase(Locale.ROOT).endsWith(".") ? name.substring(0, name.length() - 1) : name;
        while (n.length() > 253 && n.indexOf('.') >= 0) {
            n = n.substring(n.indexOf('.') + 1);
        }
        return n;
    }
}
