package dev.mailwright.core;

/** Thrown by {@link EmailSettings#requireValid()} when settings have problems; carries all of them. */
public class InvalidSettingsException extends MailwrightException {
    private static final long serialVersionUID = 1L;
    private final transient ValidationResult result;

    /** @param result the problems found */
    public InvalidSettingsException(ValidationResult result) {
        super("The email settings have " + result.problems().size() + " problem(s):"
                + System.lineSeparator() + dev.mailwright.core.diagnostics.ReportRenderer.text(result));
        this.result = result;
    }

    /** @return every problem found */
    public ValidationResult result() {
        return result;
    }
}
