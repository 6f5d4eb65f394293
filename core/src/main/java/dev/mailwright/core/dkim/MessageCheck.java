package dev.mailwright.core.dkim;

import dev.mailwright.core.spi.DkimKeyLookup;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The verification of the signatures of one message: each signature's steps (RFC 6376 section
 * 6.1), with the body hashes and key lookups shared between signatures. Every outcome is a
 * {@link DkimSignatureResult}; nothing escapes as an exception.
 */
final class MessageCheck {
    private static final int MAX_SIGNATURE_LENGTH = 16_384;
    private static final int MAX_SIGNED_HEADERS = 256;
    private static final int MAX_KEY_RECORDS = 4;
    private static final int MIN_RSA_BITS = 1024;
    private static final int MAX_RSA_BITS = 8192;

    private final DkimVerifier.Settings settings;
    private final byte[] m;
    private final HeaderFields fields;
    private final long now;
    private final long deadline;
    private final Map<String, BodyHash> bodies = new HashMap<>();
    private final Map<String, DkimKeyLookup.Answer> keys = new HashMap<>();

    MessageCheck(DkimVerifier.Settings settings, byte[] m, HeaderFields fields) {
        this.settings = settings;
        this.m = m;
        this.fields = fields;
        this.now = settings.clock().instant().getEpochSecond();
        this.deadline = System.nanoTime() + settings.timeLimit().toNanos();
    }

    /** A canonical body's hash (of at most l= bytes) and its whole length. */
    private record BodyHash(byte[] hash, long length) {
    }

    /** An early outcome of one signature's check. */
    private static final class Verdict extends Exception {
        private static final long serialVersionUID = 1L;
        private final DkimResult result;

        Verdict(DkimResult result, String reason) {
            super(reason, null, false, false);
            this.result = result;
        }
    }

    /** @param field the index of a DKIM-Signature field @return its result */
    DkimSignatureResult verify(int field) {
        String value = fields.value(field);
        String[] id = identify(value);
        try {
            return result(DkimResult.PASS, id, check(field, value));
        } catch (Verdict v) {
            return result(v.result, id, v.getMessage());
        } catch (RuntimeException e) {
            return result(DkimResult.PERMERROR, id, "cannot verify (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** @param field the index of a DKIM-Signature field past the limit @return a permerror saying so */
    DkimSignatureResult skipped(int field) {
        return result(DkimResult.PERMERROR, identify(fields.value(field)), "not checked: only the first "
                + settings.maxSignatures() + " signatures of a message are checked");
    }

    private static DkimSignatureResult result(DkimResult r, String[] id, String reason) {
        return new DkimSignatureResult(r, id[0], id[1], id[2], id[3], reason);
    }

    /** @return d=, s=, a= and the start of b=, as far as the field can be read; "" otherwise */
    private static String[] identify(String value) {
        String[] id = {"", "", "", ""};
        if (value.length() > MAX_SIGNATURE_LENGTH) {
            return id;
        }
        try {
            TagList t = TagList.parse(value, 64);
            String[] names = {"d", "s", "a", "b"};
            for (int i = 0; i < 4; i++) {
                String v = t.value(names[i]);
                v = v == null ? "" : TagList.unfolded(v);
                id[i] = i == 3 ? v.substring(0, Math.min(8, v.length())) : Text.printable(i == 0 ? v.toLowerCase(java.util.Locale.ROOT) : v);
            }
        } catch (IllegalArgumentException e) {
            // malformed: the reason says so
        }
        return id;
    }

    private String check(int field, String value) throws Verdict {
        if (value.length() > MAX_SIGNATURE_LENGTH) {
            throw new Verdict(DkimResult.PERMERROR, "the DKIM-Signature field is longer than " + MAX_SIGNATURE_LENGTH
                    + " characters");
        }
        SignatureTags t;
        try {
            t = SignatureTags.parse(value, MAX_SIGNED_HEADERS, now);
        } catch (IllegalArgumentException e) {
            throw new Verdict(DkimResult.PERMERROR, "malformed signature: " + e.getMessage());
        }
        DkimKeyRecord key = key(t);
        BodyHash body = bodyHash(t);
        if (t.bodyLength() != SignatureTags.WHOLE_BODY && t.bodyLength() > body.length) {
            throw new Verdict(DkimResult.PERMERROR, "l=" + t.bodyLength() + " is longer than the body ("
                    + body.length + " canonical bytes)");
        }
        if (!MessageDigest.isEqual(body.hash, t.bodyHash())) {
            throw new Verdict(DkimResult.FAIL, "body hash did not verify");
        }
        if (!signatureVerifies(t, key, headerData(t, field))) {
            throw new Verdict(DkimResult.FAIL, "signature did not verify");
        }
        if (t.bodyLength() != SignatureTags.WHOLE_BODY && t.bodyLength() < body.length && !settings.acceptBodyLength()) {
            throw new Verdict(DkimResult.POLICY, "the signature covers only the first " + t.bodyLength() + " of "
                    + body.length + " body bytes (l=); the rest is unsigned and could have been added by anyone");
        }
        return key.testing() ? "the key is in testing mode (t=y)" : "";
    }

    private DkimKeyRecord key(SignatureTags t) throws Verdict {
        String name = t.selector() + "._domainkey." + t.domain();
        if (System.nanoTime() > deadline) {
            throw new Verdict(DkimResult.TEMPERROR, "not checked: verifying this message took longer than "
                    + settings.timeLimit());
        }
        DkimKeyLookup.Answer answer = keys.computeIfAbsent(name, this::lookup);
        if (answer instanceof DkimKeyLookup.TempFail f) {
            throw new Verdict(DkimResult.TEMPERROR, "key lookup of " + name + " failed: " + Text.printable(f.reason()));
        }
        List<String> texts = answer instanceof DkimKeyLookup.Records r ? r.texts() : List.of();
        if (texts.isEmpty()) {
            throw new Verdict(DkimResult.PERMERROR, "no key record at " + name);
        }
        DkimKeyRecord key = null;
        String problem = null;
        for (String text : texts.subList(0, Math.min(MAX_KEY_RECORDS, texts.size()))) {
            try {
                key = DkimKeyRecord.parse(text);
                break;
            } catch (IllegalArgumentException e) {
                problem = problem == null ? e.getMessage() : problem;
            }
        }
        if (key == null) {
            throw new Verdict(DkimResult.PERMERROR, "the key record at " + name + " is not valid: " + problem);
        }
        usable(t, key, name);
        return key;
    }

    private DkimKeyLookup.Answer lookup(String name) {
        try {
            DkimKeyLookup.Answer a = settings.lookup().lookup(name);
            return a == null ? new DkimKeyLookup.TempFail("the lookup gave no answer") : a;
        } catch (RuntimeException e) {
            return new DkimKeyLookup.TempFail("the lookup failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void usable(SignatureTags t, DkimKeyRecord key, String name) throws Verdict {
        if (key.isRevoked()) {
            throw new Verdict(DkimResult.PERMERROR, "the key at " + name + " is revoked (empty p=)");
        }
        if (key.algorithm() != t.algorithm()) {
            throw new Verdict(DkimResult.PERMERROR, "the key at " + name + " is k=" + key.algorithm().keyType()
                    + " but the signature is a=" + t.algorithm().tag());
        }
        if (key.algorithm() == DkimAlgorithm.RSA_SHA256 && (key.bits() < MIN_RSA_BITS || key.bits() > MAX_RSA_BITS)) {
            throw new Verdict(DkimResult.PERMERROR, "the RSA key at " + name + " has " + key.bits() + " bits; only "
                    + MIN_RSA_BITS + " to " + MAX_RSA_BITS + " are accepted (RFC 8301)");
        }
        if (key.strict() && !t.identityDomain().equals(t.domain())) {
            throw new Verdict(DkimResult.PERMERROR, "the key at " + name + " forbids an i= in a subdomain (t=s)");
        }
    }

    private BodyHash bodyHash(SignatureTags t) {
        return bodies.computeIfAbsent(t.bodyCanon() + ":" + t.bodyLength(), k -> {
            long limit = t.bodyLength() == SignatureTags.WHOLE_BODY ? Long.MAX_VALUE : t.bodyLength();
            Sink.Digest d = new Sink.Digest(SignatureCrypto.sha256(), limit);
            t.bodyCanon().body(m, fields.bodyStart(), m.length, d);
            return new BodyHash(d.finish(), d.count());
        });
    }

    /** @return the signed fields, chosen bottom-up per h= entry, then this signature's field without its b= value */
    private Sink.Buffer headerData(SignatureTags t, int self) {
        Sink.Buffer data = new Sink.Buffer(2048);
        boolean[] used = new boolean[fields.size()];
        for (String name : t.signedHeaders()) {
            for (int j = fields.size() - 1; j >= 0; j--) {
                if (!used[j] && fields.nameIs(j, name)) {
                    used[j] = true;
                    t.headerCanon().header(m, fields.start(j), fields.colon(j), fields.end(j), true, data);
                    break;
                }
            }
        }
        int valueStart = fields.colon(self) + 1;
        byte[] own = withoutB(fields.start(self), valueStart, t.bTag(), fields.value(self).length());
        t.headerCanon().header(own, 0, fields.colon(self) - fields.start(self), own.length, false, data);
        return data;
    }

    private byte[] withoutB(int start, int valueStart, TagList.Tag b, int valueLength) {
        int cutFrom = valueStart + b.rawStart();
        int cutTo = valueStart + b.rawEnd();
        int end = valueStart + valueLength;
        byte[] own = new byte[(cutFrom - start) + (end - cutTo)];
        System.arraycopy(m, start, own, 0, cutFrom - start);
        System.arraycopy(m, cutTo, own, cutFrom - start, end - cutTo);
        return own;
    }

    private static boolean signatureVerifies(SignatureTags t, DkimKeyRecord key, Sink.Buffer data) throws Verdict {
        try {
            return SignatureCrypto.verify(t.algorithm(), key.publicKey(), data.array(), data.size(), t.signature());
        } catch (SignatureException e) {
            return false; // a signature of the wrong length or form: it does not verify
        } catch (GeneralSecurityException e) {
            throw new Verdict(DkimResult.PERMERROR, "the key cannot verify (" + e.getClass().getSimpleName() + ")");
        }
    }
}
