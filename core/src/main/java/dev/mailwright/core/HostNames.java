package dev.mailwright.core;

import java.util.Locale;
import java.util.Objects;

/**
 * The host-name rules of the seed: replies arrive under {@code reply.<hostname>}, replies to the
 * reason address in Cc under {@code noreply.<hostname>}.
 */
public final class HostNames {
    private HostNames() {
    }

    /**
     * @param hostname the instance host name, such as {@code ghe.example.com}
     * @return {@code reply.<hostname>}, lower case
     */
    public static String replyDomain(String hostname) {
        return "reply." + normalize(hostname);
    }

    /**
     * @param hostname the instance host name
     * @return {@code noreply.<hostname>}, lower case
     */
    public static String noReplyDomain(String hostname) {
        return "noreply." + normalize(hostname);
    }

    /**
     * @param hostname a host name, possibly with upper case or a trailing dot
     * @return the name in lower case without trailing dot
     * @throws IllegalArgumentException when it is not a valid DNS host name
     */
    public static String normalize(String hostname) {
        Objects.requireNonNull(hostname, "hostname");
        String h = hostname.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!isValidHostName(h)) {
            throw new IllegalArgumentException("'" + hostname + "' is not a valid DNS host name:"
                    + " use letters, digits and hyphens in dot-separated labels of at most 63 characters,"
                    + " such as ghe.example.com");
        }
        return h;
    }

    /**
     * @param name a candidate host name, without trailing dot
     * @return true when it is a syntactically valid DNS host name (RFC 1123 labels, at most 253
     *     characters)
     */
    public static boolean isValidHostName(String name) {
        if (name == null || name.isEmpty() || name.length() > 253) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                int len = i - labelStart;
                if (len < 1 || len > 63 || name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else {
                char c = name.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
