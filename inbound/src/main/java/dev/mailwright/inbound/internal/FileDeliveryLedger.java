package dev.mailwright.inbound.internal;

import dev.mailwright.core.spi.DeliveryLedger;
import dev.mailwright.inbound.InboundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default {@link DeliveryLedger}: the durable record of deliveries that makes delivery to the handler exactly-once across
 * crashes, MTA redeliveries and several processes. An append-only file of lines
 * {@code <P|D|R> <key> <owner> <file>}: P = the handler is being called, D = delivered,
 * R = released (the handler threw). Every change is appended under an exclusive file lock and
 * forced to disk before the handler is called or the message filed.
 */
public final class FileDeliveryLedger implements DeliveryLedger {
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path ownersDir;
    private final OwnerLock self;
    private final FileChannel channel;
    private final ReentrantLock jvmLock;
    private final LedgerIndex states;
    /** Keys this instance marked in progress and has not finished: another thread's copy of one waits its turn. */
    private final java.util.Set<String> inFlight = new java.util.HashSet<>();
    private long readOffset;
    private boolean endsWithNewline = true;

    /** @param dir the ledger's directory (created if missing) */
    public FileDeliveryLedger(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        this.file = abs.resolve("delivered.ledger");
        this.ownersDir = abs.resolve("owners");
        this.self = OwnerLock.acquire(ownersDir);
        this.jvmLock = JVM_LOCKS.computeIfAbsent(file, p -> new ReentrantLock());
        this.states = new LedgerIndex(abs);
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            self.close();
            throw new InboundException("Cannot open the delivery ledger " + file + ": " + e.getMessage()
                    + ". Check that the directory is writable.", e);
        }
    }

    /** @return how many keys the ledger knows */
    public synchronized int size() {
        return states.size();
    }

    @Override
    public synchronized List<Decision> begin(List<Entry> entries) {
        return locked(() -> {
            List<Decision> decisions = new ArrayList<>();
            StringBuilder out = new StringBuilder();
            java.util.Set<String> inThisBatch = new java.util.HashSet<>();
            for (Entry e : entries) {
                Decision d = inThisBatch.add(e.key()) ? decide(e) : Decision.DUPLICATE;
                decisions.add(d);
                if (d == Decision.DELIVER || d == Decision.REDELIVER) {
                    append(out, 'P', e);
                }
            }
            write(out);
            for (int i = 0; i < entries.size(); i++) {
                if (decisions.get(i) == Decision.DELIVER || decisions.get(i) == Decision.REDELIVER) {
                    inFlight.add(entries.get(i).key());
                }
            }
            return decisions;
        });
    }

    @Override
    public synchronized void finish(List<Entry> delivered, List<Entry> released) {
        if (delivered.isEmpty() && released.isEmpty()) {
            return;
        }
        // unrecorded, a key stays in progress under this owner: a later copy is a possible redelivery
        delivered.forEach(e -> inFlight.remove(e.key()));
        released.forEach(e -> inFlight.remove(e.key()));
        locked(() -> {
            StringBuilder out = new StringBuilder();
            delivered.forEach(e -> append(out, 'D', e));
            released.forEach(e -> append(out, 'R', e));
            write(out);
            return null;
        });
    }

    private Decision decide(Entry e) {
        LedgerIndex.State s = states.get(e.key());
        if (s == null || s.kind() == 'R') {
            return Decision.DELIVER;
        }
        if (s.kind() == 'D') {
            return s.fileHash() == e.file().hashCode() ? Decision.ALREADY_DELIVERED_SAME_FILE : Decision.DUPLICATE;
        }
        if (s.owner().equals(self.owner())) {
            // another thread of this pipeline is calling the handler, or an earlier finish failed
            return inFlight.contains(e.key()) ? Decision.IN_FLIGHT_ELSEWHERE : Decision.REDELIVER;
        }
        return OwnerLock.isAlive(ownersDir, s.owner()) ? Decision.IN_FLIGHT_ELSEWHERE : Decision.REDELIVER;
    }

    private void append(StringBuilder out, char kind, Entry e) {
        String name = e.file().replaceAll("\\s", "_");
        out.append(kind).append(' ').append(e.key()).append(' ').append(self.owner()).append(' ').append(name).append('\n');
        states.put(e.key(), kind, self.owner(), e.file().hashCode());
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private <T> T locked(IoAction<T> action) {
        jvmLock.lock();
        try (FileLock ignored = channel.lock()) {
            refresh();
            return action.run();
        } catch (IOException e) {
            throw new InboundException("Cannot update the delivery ledger " + file + ": " + e.getMessage()
                    + ". Check free disk space and permissions; no message was handed to the handler.", e);
        } finally {
            jvmLock.unlock();
        }
    }

    private void refresh() throws IOException {
        byte[] tail = DurableFiles.readFrom(channel, readOffset);
        if (tail.length == 0) {
            return;
        }
        long end = readOffset + tail.length;
        String text = new String(tail, StandardCharsets.UTF_8);
        int consumed = 0;
        int nl;
        while ((nl = text.indexOf('\n', consumed)) >= 0) {
            parseLine(text.substring(consumed, nl));
            consumed = nl + 1;
        }
        endsWithNewline = consumed == text.length();
        readOffset += text.substring(0, consumed).getBytes(StandardCharsets.UTF_8).length;
        if (!endsWithNewline) {
            readOffset = end;
        }
    }

    private void parseLine(String line) {
        String[] f = line.split(" ");
        if (f.length != 4 || f[0].length() != 1 || "PDR".indexOf(f[0].charAt(0)) < 0) {
            return;
        }
        char kind = f[0].charAt(0);
        if (f[1].length() == 32 && f[1].chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            states.put(f[1], kind, f[2], f[3].hashCode());
        }
    }

    private void write(StringBuilder out) throws IOException {
        if (out.length() == 0) {
            return;
        }
        if (!endsWithNewline) {
            out.insert(0, '\n');
            endsWithNewline = true;
        }
        ByteBuffer bytes = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
        long position = channel.size();
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        channel.force(false);
        readOffset = position;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new InboundException("Cannot close the delivery ledger " + file + ": " + e.getMessage(), e);
        } finally {
            self.close();
        }
    }

    @Override
    public String toString() {
        return "FileDeliveryLedger[" + file + "]";
    }
}
