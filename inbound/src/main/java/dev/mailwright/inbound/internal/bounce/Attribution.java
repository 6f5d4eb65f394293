package dev.mailwright.inbound.internal.bounce;

import dev.mailwright.core.BounceAddressCodec;
import dev.mailwright.core.BounceAddressResult;
import dev.mailwright.core.BounceTarget;
import java.util.List;

/**
 * Which verified bounce address a message was sent to.
 *
 * @param valid the target of the first verified bounce address, or null
 * @param forged the first bounce address that did not verify, or null
 * @param note why other candidates did not count (another domain, malformed), "" when nothing
 */
record Attribution(BounceTarget valid, String forged, String note) {
    private static final int MAX_CANDIDATES = 50;

    /**
     * @param codec verifies
     * @param candidates addresses in the order they are trusted (envelope first)
     * @return the attribution
     */
    static Attribution of(BounceAddressCodec codec, List<String> candidates) {
        String forged = null;
        String note = "";
        int n = 0;
        for (String c : candidates) {
            if (++n > MAX_CANDIDATES) {
                break;
            }
            String local = c.strip();
            if (!local.regionMatches(true, local.startsWith("<") ? 1 : 0, BounceAddressCodec.PREFIX, 0,
                    BounceAddressCodec.PREFIX.length())) {
                continue;
            }
            BounceAddressResult r = codec.decode(c);
            if (r instanceof BounceAddressResult.Valid v) {
                return new Attribution(v.target(), null, "");
            } else if (r instanceof BounceAddressResult.Forged && forged == null) {
                forged = c.strip();
            } else if (r instanceof BounceAddressResult.WrongDomain w && note.isEmpty()) {
                note = "a bounce address of another domain, " + w.domain();
            } else if (r instanceof BounceAddressResult.Malformed m && note.isEmpty()) {
                note = "a malformed bounce address: " + m.reason();
            }
        }
        return new Attribution(null, forged, note);
    }

    /** @return this, or the other one when it has a verified address */
    Attribution or(Attribution other) {
        if (other.valid() != null) {
            return other;
        }
        return new Attribution(null, forged != null ? forged : other.forged(), note.isEmpty() ? other.note() : note);
    }
}
