package dev.mailwright.examples.archfixture;

import dev.mailwright.examples.archfixture.internal.Hidden;

/** A public type that exposes an internal one, so that ArchitectureTest can show its rule catches it. */
public final class Leaky {
    /** @return an internal type in a public signature: what the rule forbids */
    public Hidden hidden() {
        return new Hidden();
    }
}
