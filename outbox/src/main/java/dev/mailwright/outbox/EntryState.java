package dev.mailwright.outbox;

import java.util.Locale;

/** Where an outbox entry is in its life. */
public enum EntryState {
    /** Waiting for its due time, or due and waiting for a worker. */
    QUEUED,
    /** Claimed by a node, which is sending it; taken over by another node when the lease expires. */
    LEASED,
    /** Accepted by the SMTP server. */
    SENT,
    /** Refused for good by the server (5xx for this message or recipient); an administrator may retry it. */
    FAILED,
    /** Transient failures for longer than the lifetime; dead-lettered with the last failure. */
    DEAD;

    /** @return the lower-case name stored in the database and printed by the CLI */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param code a stored or typed name, any case
     * @return the state
     * @throws IllegalArgumentException naming the accepted values
     */
    public static EntryState of(String code) {
        for (EntryState s : values()) {
            if (s.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown entry state '" + code + "'; use queued, leased, sent, failed or dead");
    }
}
