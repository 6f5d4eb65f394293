package dev.mailwright.core;

import java.util.List;

/**
 * Every problem found in settings, all at once.
 *
 * @param problems the problems, in field order; empty when the settings are valid
 */
public record ValidationResult(List<ValidationProblem> problems) {
    /** Copies the list. */
    public ValidationResult {
        problems = List.copyOf(problems);
    }

    /** @return true when there is no problem */
    public boolean isValid() {
        return problems.isEmpty();
    }
}
