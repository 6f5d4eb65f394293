package dev.mailwright.dns.internal;

import dev.mailwright.core.dkim.DkimAlgorithm;
import dev.mailwright.core.dkim.DkimKeyRecord;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/**
 * The DKIM key record of each configured selector: present, not revoked, a public key that parses
 * (core's {@link DkimKeyRecord}, the parser the verifier uses), strong enough, and, when the private
 * keys are known, the very public key of each.
 */
final class DkimCheck {
    private DkimCheck() {
    }

    static void run(CheckContext c) {
        run(c, Map.of());
    }

    /**
     * @param c the context; its plan's selectors are checked under the sending domain
     * @param configured the public key each selector must publish (those of the configured private
     *     keys), by selector; empty to check only that the records hold usable keys
     */
    static void run(CheckContext c, Map<String, PublicKey> configured) {
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
        answers.forEach((selector, answer) -> selector(c, selector + "._domainkey." + d, answer.join(),
                configured.get(selector)));
    }

    private static void selector(CheckContext c, String name, Answer txt, PublicKey configured) {
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
            String publish = configured == null ? "the DKIM public key that your SMTP server or provider signs with at " + name
                    : name + " TXT \"" + DkimKeyRecord.format(configured) + "\" (the public key of the configured private key)";
            c.add(Findings.failure(code, name + " has no DKIM key record", expected, "Publish " + publish + "; a key"
                    + " longer than 255 characters is split into several quoted strings in one TXT record.",
                    txt.evidence()));
            return;
        }
        if (keys.size() > 1) {
            c.add(Findings.failure(code, name + " has " + keys.size() + " DKIM key records", expected,
                    "Keep one key record per selector.", txt.evidence()));
            return;
        }
        key(c, name, keys.get(0), txt.evidence(), configured);
    }

    private static void key(CheckContext c, String name, String text, List<String> evidence, PublicKey configured) {
        String code = "dns.dkim";
        String expected = "a valid RSA (2048 bits or more) or Ed25519 public key in p=";
        DkimKeyRecord record;
        try {
            record = DkimKeyRecord.parse(text);
        } catch (IllegalArgumentException e) {
            c.add(Findings.failure(code, "the DKIM key record at " + name + " is not valid: " + e.getMessage(), expected,
                    "Copy the public key again from your SMTP server or provider without line breaks; when it is split"
                            + " into several strings, nothing may be lost at the joins.", evidence));
            return;
        }
        if (record.isRevoked()) {
            c.add(Findings.failure(code, "the DKIM key at " + name + " is revoked (empty p=)", expected,
                    "Publish the current public key at " + name + ", or configure the selector that is in use.",
                    evidence));
            return;
        }
        strength(c, name, record, evidence);
        if (configured != null) {
            matches(c, name, record, configured, evidence);
        }
    }

    private static void strength(CheckContext c, String name, DkimKeyRecord record, List<String> evidence) {
        String code = "dns.dkim";
        String expected = "a valid RSA (2048 bits or more) or Ed25519 public key in p=";
        if (record.algorithm() == DkimAlgorithm.ED25519_SHA256) {
            c.add(Findings.pass(code, name + " publishes an Ed25519 key", evidence));
            return;
        }
        int bits = record.bits();
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

    private static void matches(CheckContext c, String name, DkimKeyRecord record, PublicKey configured,
            List<String> evidence) {
        String code = "dns.dkim.key";
        String value = DkimKeyRecord.format(configured);
        if (record.publishes(configured)) {
            c.add(Findings.pass(code, name + " publishes the public key of the configured private key", evidence));
            return;
        }
        c.add(Findings.failure(code, name + " publishes another key than the configured private key: receivers would"
                + " find every signature of this selector broken", "the TXT value " + value,
                "Publish " + name + " TXT \"" + value + "\" (or configure the private key whose public key is"
                        + " published); when changing keys, use a new selector and keep the old record until mail signed"
                        + " with it has been delivered.", evidence));
    }
}
