package dev.mailwright.cli;

/** The exit codes of {@code mailwright}, documented in the README. */
public final class ExitCodes {
    /** Success: the settings are valid, the address verified, the email delivered, the checks passed. */
    public static final int OK = 0;
    /** The command ran and found a problem: invalid settings, forged address, delivery failed, a check failed. */
    public static final int CHECK_FAILED = 1;
    /** Wrong usage: unknown option, missing argument. */
    public static final int USAGE = 2;
    /** An error prevented the command from running: a file that cannot be read, a key that is too short. */
    public static final int ERROR = 3;

    private ExitCodes() {
    }
}
