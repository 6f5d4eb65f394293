package dev.mailwright.inbound.spi;

import java.util.Objects;

/**
 * One raw message claimed from a {@link MailSource}.
 *
 * @param id the source's name for the message (a maildir file name), unique within the source
 * @param location where the message was claimed from, for logs (the path in {@code new/})
 * @param content the raw RFC 5322 message; the array must not be modified
 * @param attempt which attempt this is, from 1 (above 1 after a retry)
 */
public record SourceMessage(String id, String location, byte[] content, int attempt) {
    /** Validates the fields. */
    public SourceMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(content, "content");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }

    /** @return the id, the location, the size and the attempt; never the content */
    @Override
    public String toString() {
        return "SourceMessage[" + id + ", " + location + ", " + content.length + " bytes, attempt " + attempt + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceMessage m && m.id.equals(id) && m.location.equals(location)
                && m.attempt == attempt && java.util.Arrays.equals(m.content, content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, location, attempt, java.util.Arrays.hashCode(content));
    }
}
