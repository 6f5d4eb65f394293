package dev.mailwright.inbound;

/**
 * What one or more batches of the pipeline did.
 *
 * @param delivered messages delivered to the handler (or found already delivered)
 * @param rejected messages filed as failure
 * @param discarded messages discarded (automated, no-reply, duplicates)
 * @param retried messages kept for a later attempt
 */
public record BatchSummary(int delivered, int rejected, int discarded, int retried) {
    /** Nothing processed. */
    public static final BatchSummary EMPTY = new BatchSummary(0, 0, 0, 0);

    /** Validates the counts. */
    public BatchSummary {
        if (delivered < 0 || rejected < 0 || discarded < 0 || retried < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** @return how many messages were processed */
    public int total() {
        return delivered + rejected + discarded + retried;
    }

    /** @param other another summary @return the sum of both */
    public BatchSummary plus(BatchSummary other) {
        return new BatchSummary(delivered + other.delivered, rejected + other.rejected, discarded + other.discarded,
                retried + other.retried);
    }

    /** @param d a disposition @return this summary counting one more message with that disposition */
    public BatchSummary plus(Disposition d) {
        if (d instanceof Disposition.Delivered || d instanceof Disposition.NewThread) {
            return new BatchSummary(delivered + 1, rejected, discarded, retried);
        }
        if (d instanceof Disposition.Rejected) {
            return new BatchSummary(delivered, rejected + 1, discarded, retried);
        }
        if (d instanceof Disposition.Discarded) {
            return new BatchSummary(delivered, rejected, discarded + 1, retried);
        }
        return new BatchSummary(delivered, rejected, discarded, retried + 1);
    }
}
