package dev.mailwright.examples.archfixture.internal;

/** An internal type, for ArchitectureTest's check of its own rule. */
public final class Hidden {
}
