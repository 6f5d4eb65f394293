package dev.mailwright.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a builder has been told, so that a property set twice, or set to null, is refused with a
 * message that names the builder and the property (as Caffeine's builder does with
 * {@code requireState}) instead of silently overwritten: a second call is a bug in the caller.
 * Every builder of Mailwright's modules uses one; a plug-in's builder may too. Not thread-safe,
 * like the builders.
 *
 * <pre>{@code
 * private final BuilderState state = new BuilderState("SmtpTransport.Builder");
 * public Builder maxConnections(int max) {
 *     this.maxConnections = state.set("maxConnections", max);
 *     return this;
 * }
 * }</pre>
 */
public final class BuilderState {
    private final String builder;
    private final Map<String, Object> set = new HashMap<>();

    /** @param builder the builder's name for messages, such as {@code EmailSettings.Builder} */
    public BuilderState(String builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /**
     * @param property the property's name, as its setter is named
     * @param value the value
     * @param <T> its type
     * @return the value
     * @throws NullPointerException when the value is null, naming the property
     * @throws IllegalStateException when the property was already set, naming it and its value
     */
    public <T> T set(String property, T value) {
        if (value == null) {
            throw new NullPointerException(builder + ": " + property + " must not be null; leave it unset for the default");
        }
        Object before = set.putIfAbsent(property, value);
        if (before != null) {
            throw new IllegalStateException(builder + ": " + property + " was already set to " + before
                    + "; set each property once (start from a new builder to change it)");
        }
        return value;
    }

    /**
     * @param property the property's name
     * @return whether it was set
     */
    public boolean isSet(String property) {
        return set.containsKey(property);
    }
}
