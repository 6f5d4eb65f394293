package dev.mailwright.dns.testing;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Zone files for the tests: a zone where every check passes, and variants with one record missing
 * or wrong. Every name resolves to loopback addresses.
 */
public final class TestZones {
    /** A 2048-bit RSA public key, base64 of its SubjectPublicKeyInfo. */
    public static final String DKIM_KEY = rsaKey(2048);
    /** A 512-bit RSA public key (too weak). */
    public static final String WEAK_DKIM_KEY = rsaKey(512);

    private TestZones() {
    }

    /**
     * @param origin the zone name, such as {@code good.test}
     * @return the lines of a zone where every check passes for host name {@code origin}, sending
     *     domain {@code origin}, SMTP server {@code smtp.<origin>} and DKIM selector {@code s1}
     */
    public static List<String> good(String origin) {
        List<String> lines = head(origin);
        lines.addAll(List.of(
                "@ A 127.0.0.1",
                "reply A 127.0.0.1",
                "reply MX 10 reply",
                "noreply MX 10 @",
                "smtp A 127.0.0.1",
                "@ TXT \"v=spf1 a:smtp." + origin + " -all\"",
                "_dmarc TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc@" + origin + "\"",
                dkim("s1._domainkey"),
                "_mta-sts TXT \"v=STSv1; id=20261126\"",
                "_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:tls@" + origin + "\""));
        return lines;
    }

    /**
     * @param origin the zone name, such as {@code example.test}
     * @param label the instance's label in it, such as {@code ghe}: the host name is {@code ghe.example.test},
     *     three labels, as most instances are named
     * @return the lines of a zone where every check passes for that host name, the zone being its parent
     */
    public static List<String> subdomain(String origin, String label) {
        String host = label + "." + origin;
        List<String> lines = head(origin);
        lines.addAll(List.of(
                label + " A 127.0.0.1",
                "reply." + label + " A 127.0.0.1",
                "reply." + label + " MX 10 reply." + label,
                "noreply." + label + " MX 10 " + label,
                "smtp A 127.0.0.1",
                label + " TXT \"v=spf1 a:smtp." + origin + " -all\"",
                "_dmarc." + label + " TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc@" + host + "\"",
                dkim("s1._domainkey." + label),
                "_mta-sts." + label + " TXT \"v=STSv1; id=20261126\"",
                "_smtp._tls." + label + " TXT \"v=TLSRPTv1; rua=mailto:tls@" + host + "\""));
        return lines;
    }

    /**
     * @param origin the zone name
     * @param change edits the lines of {@link #good(String)}
     * @return the zone text
     */
    public static String variant(String origin, UnaryOperator<List<String>> change) {
        return String.join("\n", change.apply(good(origin))) + "\n";
    }

    /** @return a change that removes the lines starting with the prefix */
    public static UnaryOperator<List<String>> without(String prefix) {
        return lines -> {
            lines.removeIf(l -> l.startsWith(prefix));
            return lines;
        };
    }

    /** @return a change that replaces the lines starting with the prefix by the given lines */
    public static UnaryOperator<List<String>> replace(String prefix, String... with) {
        return lines -> {
            lines.removeIf(l -> l.startsWith(prefix));
            lines.addAll(List.of(with));
            return lines;
        };
    }

    /** @return the reverse zone {@code 0.0.127.in-addr.arpa}: 127.0.0.1 names {@code ptrName}, 127.0.0.3 a name that does not resolve */
    public static String reverse(String ptrName) {
        return String.join("\n", "$ORIGIN 0.0.127.in-addr.arpa.", "$TTL 300",
                "@ SOA ns.good.test. hostmaster.good.test. 1 3600 600 86400 300", "@ NS ns.good.test.",
                "1 PTR " + ptrName + ".", "3 PTR nowhere.good.test.") + "\n";
    }

    /** @return the zone's origin, TTL, SOA, NS and the name server's address */
    private static List<String> head(String origin) {
        return new ArrayList<>(List.of("$ORIGIN " + origin + ".", "$TTL 300",
                "@ SOA ns." + origin + ". hostmaster." + origin + ". 1 3600 600 86400 300", "@ NS ns", "ns A 127.0.0.1"));
    }

    /** @return the DKIM record of {@link #DKIM_KEY} at {@code owner}, in two strings as DNS providers split it */
    private static String dkim(String owner) {
        int half = DKIM_KEY.length() / 2;
        return owner + " TXT \"v=DKIM1; k=rsa; p=" + DKIM_KEY.substring(0, half) + "\" \"" + DKIM_KEY.substring(half) + "\"";
    }

    private static String rsaKey(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
