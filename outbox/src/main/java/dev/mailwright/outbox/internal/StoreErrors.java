package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.OutboxStoreException;
import java.sql.SQLException;
import java.util.Locale;

/** Turns a {@link SQLException} into an {@link OutboxStoreException} that says what to do. */
public final class StoreErrors {
    private static final int SQLITE_FULL = 13;

    private StoreErrors() {
    }

    /**
     * @param what what the store was doing ("enqueue", "claim")
     * @param where the store's description
     * @param e the failure
     * @return the exception to throw
     */
    public static OutboxStoreException wrap(String what, String where, SQLException e) {
        String state = e.getSQLState();
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        String text;
        if (isDiskFull(e)) {
            text = "the disk of the outbox store " + where + " is full (" + what + " was not done): free some space, for"
                    + " instance with `mailwright outbox purge --state sent`; entries stored before are kept";
        } else if (isConnectionFailure(e)) {
            text = "cannot reach the outbox database " + where + " (" + what + " was not done): " + msg
                    + "; check that the database runs and accepts connections";
        } else if ("42P01".equals(state) || msg.toLowerCase(Locale.ROOT).contains("no such table")) {
            text = "the outbox's tables are missing in " + where + ": run Outbox.migrate() (or `mailwright outbox migrate`),"
                    + " or apply db/mailwright-postgresql with Flyway or Liquibase";
        } else {
            text = "the outbox store " + where + " failed during " + what + ": " + msg;
        }
        return new OutboxStoreException(text, state, e);
    }

    /** @param e a failure @return true when the database or its disk is out of space */
    static boolean isDiskFull(SQLException e) {
        String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return "53100".equals(e.getSQLState()) || e.getErrorCode() == SQLITE_FULL || msg.contains("sqlite_full")
                || msg.contains("disk is full") || msg.contains("no space left");
    }

    /** @param e a failure @return true when the connection to the database failed or the server is going away */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
