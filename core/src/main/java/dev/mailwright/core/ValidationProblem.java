package dev.mailwright.core;

import java.util.Objects;

/**
 * One problem found in settings.
 *
 * @param path the field, as in the settings keys without the {@code mailwright.} prefix
 *     ({@code smtp.port})
 * @param code a stable code ({@code smtp.port.out-of-range}) a program can act on
 * @param message what is wrong, naming the bad value, and what is expected
 */
public record ValidationProblem(String path, String code, String message) {
    /** Validates the fields. */
    public ValidationProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code path: message}, the way the CLI prints it */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
