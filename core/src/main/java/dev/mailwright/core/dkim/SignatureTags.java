package dev.mailwright.core.dkim;

import dev.mailwright.core.HostNames;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A DKIM-Signature field's tags, checked as RFC 6376 section 6.1.1 asks: the required tags, a
 * known algorithm and canonicalization, {@code h=} naming From, {@code i=} within {@code d=},
 * {@code x=} after {@code t=} and not past. A value that cannot hold ({@code l=} longer than any
 * body, a hundred-digit time) is an error, never an exception from number parsing.
 */
record SignatureTags(DkimAlgorithm algorithm, byte[] signature, byte[] bodyHash, Canonicalization headerCanon,
        Canonicalization bodyCanon, String domain, String selector, List<String> signedHeaders, String identity,
        long bodyLength, long timestamp, long expiry, TagList.Tag bTag) {
    /** {@code l=} when absent: the whole body. */
    static final long WHOLE_BODY = -1;

    /**
     * @param value the field's value (after the colon)
     * @param maxSignedHeaders the most {@code h=} entries accepted
     * @param nowSeconds the current time, for {@code x=}
     * @return the tags
     * @throws IllegalArgumentException saying which tag is wrong
     */
    static SignatureTags parse(String value, int maxSignedHeaders, long nowSeconds) {
        TagList tags = TagList.parse(value, 64);
        for (String required : List.of("v", "a", "b", "bh", "d", "h", "s")) {
            if (tags.get(required) == null) {
                throw new IllegalArgumentException("the signature has no " + required + "= tag");
            }
        }
        if (!tags.value("v").equals("1")) {
            throw new IllegalArgumentException("v=" + Text.printable(tags.value("v")) + " is not 1");
        }
        DkimAlgorithm algorithm = DkimAlgorithm.fromTag(tags.value("a"));
        String domain = domain(tags.value("d"));
        String selector = tags.value("s");
        if (!DkimSigningKey.isValidSelector(selector)) {
            throw new IllegalArgumentException("s=" + Text.printable(selector) + " is not a valid selector");
        }
        Canonicalization[] c = canonicalization(tags.value("c"));
        List<String> headers = signedHeaders(tags.value("h"), maxSignedHeaders);
        String identity = identity(tags.value("i"), domain);
        String q = tags.value("q");
        if (q != null && !TagList.items(q.toLowerCase(Locale.ROOT)).contains("dns/txt")) {
            throw new IllegalArgumentException("q=" + Text.printable(q) + " names no query method but dns/txt");
        }
        long t = number(tags, "t", 12);
        long x = number(tags, "x", 12);
        if (x != WHOLE_BODY && t != WHOLE_BODY && x < t) {
            throw new IllegalArgumentException("x=" + x + " is before t=" + t);
        }
        if (x != WHOLE_BODY && x < nowSeconds) {
            throw new IllegalArgumentException("the signature expired (x=" + x + ")");
        }
        byte[] bh = base64(tags, "bh");
        if (bh.length != 32) {
            throw new IllegalArgumentException("bh= holds " + bh.length + " bytes; a SHA-256 hash has 32");
        }
        return new SignatureTags(algorithm, base64(tags, "b"), bh, c[0], c[1], domain, selector, headers, identity,
                number(tags, "l", 76), t, x, tags.get("b"));
    }

    private static String domain(String d) {
        String n = d.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (!HostNames.isValidHostName(n) || n.indexOf('.') < 0 && !n.equals("localhost")) {
            throw new IllegalArgumentException("d=" + Text.printable(d) + " is not a domain name");
        }
        return n;
    }

    private static Canonicalization[] canonicalization(String c) {
        if (c == null) {
            return new Canonicalization[] {Canonicalization.SIMPLE, Canonicalization.SIMPLE};
        }
        int slash = c.indexOf('/');
        Canonicalization header = Canonicalization.of(slash < 0 ? c : c.substring(0, slash));
        Canonicalization body = slash < 0 ? Canonicalization.SIMPLE : Canonicalization.of(c.substring(slash + 1));
        return new Canonicalization[] {header, body};
    }

    private static List<String> signedHeaders(String h, int max) {
        List<String> out = new ArrayList<>();
        for (String name : TagList.items(h)) {
            if (out.size() == max) {
                throw new IllegalArgumentException("h= names more than " + max + " header fields");
            }
            for (int i = 0; i < name.length(); i++) {
                char ch = name.charAt(i);
                if (ch <= 0x20 || ch > 0x7e) {
                    throw new IllegalArgumentException("h= holds '" + Text.printable(name) + "', not a header field name");
                }
            }
            out.add(name.toLowerCase(Locale.ROOT));
        }
        if (!out.contains("from")) {
            throw new IllegalArgumentException("h= does not sign the From field");
        }
        return List.copyOf(out);
    }

    private static String identity(String i, String domain) {
        if (i == null) {
            return "@" + domain;
        }
        int at = i.lastIndexOf('@');
        String d = at < 0 ? "" : i.substring(at + 1).toLowerCase(Locale.ROOT);
        if (at < 0 || !(d.equals(domain) || d.endsWith("." + domain))) {
            throw new IllegalArgumentException("i=" + Text.printable(i) + " is not within d=" + domain);
        }
        return i;
    }

    /** @return the tag's decimal value, {@link #WHOLE_BODY} when absent, Long.MAX_VALUE when it has more than 18 digits */
    private static long number(TagList tags, String name, int maxDigits) {
        String v = tags.value(name);
        if (v == null) {
            return WHOLE_BODY;
        }
        if (v.isEmpty() || v.length() > maxDigits || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException(name + "=" + Text.printable(v) + " is not a number of at most "
                    + maxDigits + " digits");
        }
        return v.length() > 18 ? Long.MAX_VALUE : Long.parseLong(v);
    }

    private static byte[] base64(TagList tags, String name) {
        try {
            return Base64.getDecoder().decode(TagList.unfolded(tags.value(name)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + "= is not valid base64", e);
        }
    }

    /** @return the i= domain */
    String identityDomain() {
        return identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
