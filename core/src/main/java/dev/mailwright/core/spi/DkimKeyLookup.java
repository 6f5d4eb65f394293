package dev.mailwright.core.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the DKIM key records published at {@code <selector>._domainkey.<domain>}, for
 * {@link dev.mailwright.core.dkim.DkimVerifier}. {@code mailwright-dns-verify} provides one that asks
 * DNS with timeouts ({@code DnsDkimKeyLookup}); tests use {@link #of(Map)}.
 *
 * <p>An implementation answers within its own timeout and reports a failure to get an answer as
 * {@link TempFail}, never as {@link NotFound}: the verifier turns the first into a
 * {@code temperror} and the second into a {@code permerror}, and neither ever into a pass. An
 * exception thrown by {@link #lookup(String)} counts as {@link TempFail}.
 */
@FunctionalInterface
public interface DkimKeyLookup {

    /**
     * @param name the record's name without a trailing dot, such as {@code s1._domainkey.example.com}
     * @return the TXT records found (each one's strings joined with ""), none, or a failure
     */
    Answer lookup(String name);

    /**
     * A fixed table of records, for tests and for keys known without DNS.
     *
     * @param records record name (case-insensitive, no trailing dot) to TXT value
     * @return a lookup that answers from the table; names not in it are {@link NotFound}
     */
    static DkimKeyLookup of(Map<String, String> records) {
        Map<String, String> copy = new java.util.HashMap<>();
        records.forEach((k, v) -> copy.put(normalize(k), Objects.requireNonNull(v, "value of " + k)));
        return name -> {
            String v = copy.get(normalize(name));
            return v == null ? new NotFound() : new Records(List.of(v));
        };
    }

    private static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** What a lookup found. */
    sealed interface Answer permits Records, NotFound, TempFail {
    }

    /**
     * TXT records at the name.
     *
     * @param texts each record's text, its strings joined with ""
     */
    record Records(List<String> texts) implements Answer {
        /** Copies the list. */
        public Records {
            texts = List.copyOf(texts);
        }
    }

    /** The name does not exist or has no TXT record (NXDOMAIN or NODATA): a permanent answer. */
    record NotFound() implements Answer {
    }

    /**
     * No answer could be had: timeout, SERVFAIL, network error.
     *
     * @param reason what happened, for the verification result
     */
    record TempFail(String reason) implements Answer {
        /** Validates. */
        public TempFail {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
