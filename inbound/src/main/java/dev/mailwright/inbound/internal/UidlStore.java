package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.InboundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The UIDLs of POP3 messages that were filed for good and left on the server: one per line in
 * {@code <state>/pop3-filed.uidl}, rewritten atomically and synced before the session ends, and
 * pruned of messages the server no longer has (so it stays as small as the mailbox).
 */
public final class UidlStore {
    private final Path file;
    private final Set<String> done = new HashSet<>();
    private boolean dirty;

    /** @param stateDirectory the source's state directory */
    public UidlStore(Path stateDirectory) {
        this.file = stateDirectory.resolve("pop3-filed.uidl");
        try {
            if (Files.exists(file)) {
                done.addAll(Files.readAllLines(file, StandardCharsets.US_ASCII));
                done.remove("");
            }
        } catch (IOException e) {
            throw new InboundException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** @param uidl a message's UIDL @return true when it was filed for good already */
    public synchronized boolean isDone(String uidl) {
        return done.contains(uidl);
    }

    /** @param uidl a message filed for good (durable after {@link #sync()}) */
    public synchronized void add(String uidl) {
        dirty |= done.add(uidl);
    }

    /** Appends what was added and syncs the file. */
    public synchronized void sync() {
        if (!dirty) {
            return;
        }
        try {
            DurableFiles.writeAtomically(file, String.join("\n", done) + "\n", true);
            dirty = false;
        } catch (IOException e) {
            throw new InboundException("Cannot write " + file + ": " + e.getMessage()
                    + ". The messages filed meanwhile are seen again, and recognised by the delivery ledger.", e);
        }
    }

    /** @param present the UIDLs the server has now: forgets the others */
    public synchronized void retainOnly(Collection<String> present) {
        if (done.retainAll(new HashSet<>(present))) {
            dirty = true;
            sync();
        }
    }
}
