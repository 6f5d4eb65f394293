package dev.mailwright.dns.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/** The DKIM key record of each configured selector: present, not revoked, a public key that parses, strong enough. */
final class DkimCheck {
    private DkimCheck() {
    }

    static void run(CheckContext c) {
        String d = c.plan.sendingDomain();
        if (c.plan.dkimSelectors().isEmpty()) {
            c.add(Findings.info("dns.dkim", "no DKIM selector configured: DKIM keys of " + d + " not checked (give the"
                    + " selectors your SMTP provider signs with, such as --dkim-selector s1)", List.of()));
            return;
        }
        Map<String, CompletableFuture<Answer>> answers = new LinkedHashMap<>();
        for (String s : c.plan.dkimSelectors()) {
            answers.put(s, c.dns.query(s + "._domainkey." + d, Type.TXT));
        }
        answers.forEach((selector, answer) -> selector(c, selector + "._domainkey." + d, answer.join()));
    }

    private static void selector(CheckContext c, String name, Answer txt) {
        String code = "dns.dkim";
        if (txt instanceof Answer.Failed) {
            c.unanswered(code, name, ((Answer.Failed) txt).reason(), txt.evidence());
            return;
        }
        List<String> keys = new ArrayList<>();
        for (String t : TagList.texts(txt)) {
            Map<String, String> tags = TagList.parse(t);
            if (tags.containsKey("p") || "DKIM1".equals(tags.get("v"))) {
                keys.add(t);
            }
        }
        String expected = "one TXT record at " + name + " with v=DKIM1 and the public key in p=";
        if (keys.isEmpty()) {
            c.add(Findings.failure(code, name + " has no DKIM key record", expected, "Publish the DKIM public key that"
                    + " your SMTP server or provider signs with at " + name + "; a key longer than 255 characters is"
                    + " split into several quoted strings in one TXT record.", txt.evidence()));
            return;
        }
        if (keys.size() > 1) {
            c.add(Findings.failure(code, name + " has " + keys.size() + " DKIM key records", expected,
                    "Keep one key record per selector.", txt.evidence()));
            return;
        }
        key(c, name, TagList.parse(keys.get(0)), txt.evidence());
    }

    private static void key(CheckContext c, String name, Map<String, String> tags, List<String> evidence) {
        String code = "dns.dkim";
        String expected = "a valid RSA (2048 bits or more) or Ed25519 public key in p=";
        String v = tags.get("v");
        if (v != null && !v.equals("DKIM1")) {
            c.add(Findings.failure(code, name + " has v=" + v, "v=DKIM1", "Set v=DKIM1 (or leave v= out).", evidence));
            return;
        }
        String p = tags.get("p") == null ? "" : tags.get("p").replaceAll("\\s", "");
        if (p.isEmpty()) {
            c.add(Findings.failure(code, "the DKIM key at " + name + " is revoked (empty p=)", expected,
                    "Publish the current public key at " + name + ", or configure the selector that is in use.",
                    evidence));
            return;
        }
        String k = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        try {
            byte[] der = Base64.getDecoder().decode(p);
            if (k.equals("ed25519")) {
                if (der.length != 32) {
                    throw new GeneralSecurityException("an Ed25519 key has 32 bytes, this one " + der.length);
                }
                c.add(Findings.pass(code, name + " publishes an Ed25519 key", evidence));
                return;
            }
            rsaStrength(c, name, der, evidence);
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            c.add(Findings.failure(code, "the p= value at " + name + " is not a valid " + k + " public key ("
                    + e.getMessage() + ")", expected, "Copy the public key again from your SMTP server or provider"
                    + " without line breaks; when it is split into several strings, nothing may be lost at the joins.",
                    evidence));
        }
    }

    private static void rsaStrength(CheckContext c, String name, byte[] der, List<String> evidence)
            throws GeneralSecurityException {
        String code = "dns.dkim";
        String expected = "a valid RSA (2048 bits or more) or Ed25519 public key in p=";
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        int bits = ((RSAPublicKey) key).getModulus().bitLength();
        String found = name + " publishes an RSA key of " + bits + " bits";
        if (bits < 1024) {
            c.add(Findings.failure(code, found, expected, "Generate a 2048-bit key and publish it under a new selector.",
                    evidence));
        } else if (bits < 2048) {
            c.add(Findings.warning(code, found, expected, "Move to a 2048-bit key under a new selector.", evidence));
        } else {
            c.add(Findings.pass(code, found, evidence));
        }
    }
}
