package dev.mailwright.outbox;

/**
 * The store failed: the database is down or restarting, the disk is full, the schema is missing.
 * When {@link Outbox#enqueue(dev.mailwright.smtp.Notification)} throws it, the entry may or may not
 * be stored (a commit whose answer was lost): enqueue the same notification again, its idempotency
 * key stores it once.
 */
public class OutboxStoreException extends OutboxException {
    private static final long serialVersionUID = 1L;

    /** The SQLSTATE of the cause, or null. */
    private final String sqlState;

    /**
     * @param message what went wrong and what to do
     * @param sqlState the SQLSTATE of the cause, or null
     * @param cause the underlying failure
     */
    public OutboxStoreException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** @return the SQLSTATE of the cause ({@code 57P01} server shutting down...), or null */
    public String sqlState() {
        return sqlState;
    }
}
