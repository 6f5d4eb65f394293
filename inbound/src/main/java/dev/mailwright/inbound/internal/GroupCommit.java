package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Group commit: callers that each need "everything up to my ticket is synced" share syncs. One
 * caller at a time becomes the leader and runs a sync covering every ticket issued before it
 * began; the others wait for a sync that covers theirs, and lead the next one if the last did not.
 * Tickets are issued by the owner under {@link #lock()} in increasing order.
 */
final class GroupCommit {
    /** What the leader runs, without holding the lock. */
    interface Sync {
        /**
         * @return the highest ticket the sync covered
         * @throws IOException when the sync failed (the waiting callers then try again themselves)
         */
        long run() throws IOException;
    }

    private final Object lock;
    private long synced;
    private boolean syncing;

    /** @param lock the owner's lock, which guards the tickets and is notified after each sync */
    GroupCommit(Object lock) {
        this.lock = lock;
    }

    Object lock() {
        return lock;
    }

    /** Records that every ticket up to {@code ticket} is synced by other means; holds the lock. */
    void covered(long ticket) {
        synced = Math.max(synced, ticket);
        lock.notifyAll();
    }

    /**
     * Returns once a sync that covers {@code ticket} has completed, leading one when none is running.
     *
     * @param ticket the caller's ticket
     * @param sync what a leader runs
     * @throws IOException when the sync this caller led failed
     */
    void await(long ticket, Sync sync) throws IOException {
        while (true) {
            synchronized (lock) {
                while (synced < ticket && syncing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for a sync");
                    }
                }
                if (synced >= ticket) {
                    return;
                }
                syncing = true;
            }
            long covered = -1;
            try {
                covered = sync.run();
            } finally {
                synchronized (lock) {
                    if (covered >= 0) {
                        synced = Math.max(synced, covered);
                    }
                    syncing = false;
                    lock.notifyAll();
                }
            }
        }
    }
}
