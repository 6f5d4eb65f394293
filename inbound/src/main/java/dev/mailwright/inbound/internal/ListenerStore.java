package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.io.InputStream;

/** Where the listener puts a message before it answers {@code 250}: the message must be durable when this returns. */
public interface ListenerStore extends AutoCloseable {
    /**
     * @param prefix header lines to write first (Return-Path, Delivered-To, Received), CRLF-terminated
     * @param data the message
     * @param maxBytes the most bytes accepted from {@code data}
     * @return where the message is, for the log
     * @throws MaildirWriter.TooLargeException when the message exceeds {@code maxBytes}; nothing is kept
     * @throws IOException when the message could not be made durable
     */
    String store(String prefix, InputStream data, long maxBytes) throws IOException;

    /**
     * A transaction that may store a message has begun ({@code MAIL} accepted); a store that groups
     * syncs may wait briefly for it. Every call is followed by exactly one {@link #store} or
     * {@link #end()}.
     */
    default void begin() {
    }

    /** The transaction announced by {@link #begin()} is over without {@link #store} (refused or abandoned). */
    default void end() {
    }

    /** Releases what the store holds; a store with work left finishes it first when it can. */
    @Override
    void close();
}
