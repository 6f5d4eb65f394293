package dev.mailwright.core;

import java.util.Optional;

/**
 * Strict checks of email addresses, shared by settings validation, message composition and the
 * inbound pipeline. Only the {@code addr-spec} of RFC 5322 in its dot-atom form is accepted
 * ({@code local@domain}, no display name, no quoted local part, no comments, no domain literal),
 * with a host-name domain, at most 64 characters before the {@code @} and 254 in all. CR, LF and
 * NUL are always refused, so an address can never inject a header.
 */
public final class EmailAddresses {
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private EmailAddresses() {
    }

    /**
     * @param address the candidate
     * @return empty when the address is acceptable, otherwise what is wrong with it
     */
    public static Optional<String> problem(String address) {
        return problem(address, 64);
    }

    /**
     * The same rules for an envelope sender ({@code MAIL FROM}), whose local part may be longer than
     * 64 characters: bounce addresses (VERP) carry the recipient in theirs, as large senders' do.
     * The whole address stays within the 254 characters of an SMTP path.
     *
     * @param address the candidate
     * @return empty when the address is acceptable as an envelope sender, otherwise what is wrong
     */
    public static Optional<String> envelopeSenderProblem(String address) {
        return problem(address, 254);
    }

    private static Optional<String> problem(String address, int maxLocal) {
        if (address == null || address.isEmpty()) {
            return Optional.of("the address is empty");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return Optional.of("the address contains a " + (c == 0 ? "NUL" : c == '\r' ? "CR" : "LF")
                        + " character, which could inject a header");
            }
        }
        if (address.length() > 254) {
            return Optional.of("the address is " + address.length() + " characters long; at most 254 are allowed");
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return Optional.of("the address has no '@'");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.isEmpty()) {
            return Optional.of("nothing before the '@'");
        }
        if (local.length() > maxLocal) {
            return Optional.of("the part before the '@' has " + local.length() + " characters; at most " + maxLocal
                    + " are allowed");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return Optional.of("the part before the '@' has a leading, trailing or double dot");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || ATEXT_SPECIALS.indexOf(c) >= 0;
            if (!ok) {
                return Optional.of("the character '" + printable(c) + "' is not allowed before the '@'"
                        + " (write the bare address, without display name or quotes)");
            }
        }
        if (!HostNames.isValidHostName(domain)) {
            return Optional.of("'" + domain + "' after the '@' is not a valid host name");
        }
        return Optional.empty();
    }

    /** @return true when {@link #problem(String)} finds nothing */
    public static boolean isValid(String address) {
        return problem(address).isEmpty();
    }

    /**
     * @param address the candidate
     * @param what what the address is for, for the message ("no-reply address")
     * @return the address
     * @throws IllegalArgumentException naming the value, the problem and what is expected
     */
    public static String require(String address, String what) {
        Optional<String> problem = problem(address);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("The " + what + " '" + printable(address) + "' is not a valid email address: "
                    + problem.get() + ". Expected a bare address such as noreply@example.com.");
        }
        return address;
    }

    /** @return the text with CR, LF, NUL and other controls made visible, for error messages */
    public static String printable(Object text) {
        String s = String.valueOf(text);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case 0 -> out.append("\\0");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
