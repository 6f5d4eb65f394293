package dev.mailwright.core;

/** How much a {@link Finding} matters, from a plain observation to a failure that must be fixed. */
public enum Severity {
    /** An observation: what happened ("connection opened to smtp.example.com:587"). */
    INFO,
    /** A check that passed. */
    PASS,
    /** Works, but should be changed (a weak setting, a record that will cause trouble later). */
    WARNING,
    /** Does not work until fixed; the finding's remedy says how. */
    FAILURE;

    /** @return true for {@link #FAILURE} */
    public boolean isFailure() {
        return this == FAILURE;
    }
}
