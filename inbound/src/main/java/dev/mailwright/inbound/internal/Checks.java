package dev.mailwright.inbound.internal;

/** Argument checks shared by the builders, with messages that name the property and the value. */
public final class Checks {
    private Checks() {
    }

    /**
     * @param value a value
     * @param name the property's name
     * @return the value
     * @throws IllegalArgumentException when it is not positive
     */
    public static long positive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
