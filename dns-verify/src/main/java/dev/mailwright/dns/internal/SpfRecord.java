package dev.mailwright.dns.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed SPF record (RFC 7208): its terms in order and every syntax error found.
 *
 * @param text the record as published
 * @param terms the terms that parsed
 * @param errors one message per term that did not parse, naming it
 */
record SpfRecord(String text, List<Term> terms, List<String> errors) {
    private static final List<String> MECHANISMS = List.of("all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists");
    private static final Pattern CIDR = Pattern.compile("(?:/(\\d{1,3}))?(?://(\\d{1,3}))?");
    private static final Pattern MODIFIER = Pattern.compile("([a-z][a-z0-9_.\\-]*)=(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IP4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    SpfRecord {
        terms = List.copyOf(terms);
        errors = List.copyOf(errors);
    }

    /**
     * One mechanism or modifier.
     *
     * @param qualifier {@code +}, {@code -}, {@code ~} or {@code ?} ({@code +} when omitted); empty for a modifier
     * @param name the mechanism or modifier name, lower case
     * @param argument the domain, address or value; empty when none
     * @param cidr4 the IPv4 prefix length (32 when none)
     * @param cidr6 the IPv6 prefix length (128 when none)
     * @param modifier true for {@code name=value}
     */
    record Term(String qualifier, String name, String argument, int cidr4, int cidr6, boolean modifier) {
        boolean needsLookup() {
            return !modifier && List.of("include", "a", "mx", "ptr", "exists").contains(name)
                    || modifier && name.equals("redirect");
        }

        @Override
        public String toString() {
            String text = modifier ? name + "=" + argument : qualifier + name + (argument.isEmpty() ? "" : ":" + argument);
            return text.startsWith("+") ? text.substring(1) : text;
        }
    }

    /** @return true when the text starts with {@code v=spf1} followed by a space or nothing */
    static boolean isSpf(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.equals("v=spf1") || t.startsWith("v=spf1 ");
    }

    static SpfRecord parse(String text) {
        List<Term> terms = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String[] parts = text.trim().split(" +");
        boolean redirectSeen = false;
        boolean expSeen = false;
        for (int i = 1; i < parts.length; i++) {
            Optional<Term> term = term(parts[i], errors);
            if (term.isEmpty()) {
                continue;
            }
            Term t = term.get();
            if (t.modifier() && (t.name().equals("redirect") && redirectSeen || t.name().equals("exp") && expSeen)) {
                errors.add("the modifier " + t.name() + "= appears more than once");
            }
            redirectSeen |= t.modifier() && t.name().equals("redirect");
            expSeen |= t.modifier() && t.name().equals("exp");
            terms.add(t);
        }
        return new SpfRecord(text, terms, errors);
    }

    private static Optional<Term> term(String part, List<String> errors) {
        Matcher mod = MODIFIER.matcher(part);
        if (mod.matches()) {
            return Optional.of(new Term("", mod.group(1).toLowerCase(Locale.ROOT), mod.group(2), 32, 128, true));
        }
        String qualifier = "+-~?".indexOf(part.charAt(0)) >= 0 ? part.substring(0, 1) : "+";
        String body = "+-~?".indexOf(part.charAt(0)) >= 0 ? part.substring(1) : part;
        int end = 0;
        while (end < body.length() && body.charAt(end) != ':' && body.charAt(end) != '/') {
            end++;
        }
        String name = body.substring(0, end).toLowerCase(Locale.ROOT);
        if (!MECHANISMS.contains(name)) {
            errors.add("'" + part + "' is not an SPF mechanism or modifier");
            return Optional.empty();
        }
        String rest = body.substring(end);
        boolean hasColon = rest.startsWith(":");
        String arg = "";
        if (hasColon) {
            int slash = rest.indexOf('/');
            arg = slash < 0 ? rest.substring(1) : rest.substring(1, slash);
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        Matcher cidr = CIDR.matcher(rest);
        if (!cidr.matches()) {
            errors.add("'" + part + "': '" + rest + "' is not a prefix length such as /24 or //64");
            return Optional.empty();
        }
        int c4 = cidr.group(1) == null ? 32 : Integer.parseInt(cidr.group(1));
        int c6 = cidr.group(2) == null ? 128 : Integer.parseInt(cidr.group(2));
        if (name.equals("ip6")) {
            c6 = cidr.group(1) == null ? 128 : c4;
            c4 = 32;
        }
        Optional<String> problem = check(name, arg, c4, c6, hasColon);
        if (problem.isPresent()) {
            errors.add("'" + part + "': " + problem.get());
            return Optional.empty();
        }
        return Optional.of(new Term(qualifier, name, arg, c4, c6, false));
    }

    private static Optional<String> check(String name, String arg, int c4, int c6, boolean hasColon) {
        if (c4 > 32 || c6 > 128) {
            return Optional.of("prefix length out of range");
        }
        switch (name) {
            case "all":
                return hasColon ? Optional.of("'all' takes no argument") : Optional.empty();
            case "include":
            case "exists":
                return arg.isEmpty() ? Optional.of("'" + name + "' needs a domain") : Optional.empty();
            case "ip4":
                return validIp4(arg) ? Optional.empty() : Optional.of("'" + arg + "' is not an IPv4 address");
            case "ip6":
                return arg.contains(":") && arg.matches("[0-9a-fA-F:.]+") ? Optional.empty()
                        : Optional.of("'" + arg + "' is not an IPv6 address");
            default:
                return hasColon && arg.isEmpty() ? Optional.of("empty domain after ':'") : Optional.empty();
        }
    }

    private static boolean validIp4(String arg) {
        Matcher m = IP4.matcher(arg);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /** @return the redirect modifier's domain, when present */
    Optional<String> redirect() {
        return terms.stream().filter(t -> t.modifier() && t.name().equals("redirect")).map(Term::argument).findFirst();
    }
}
