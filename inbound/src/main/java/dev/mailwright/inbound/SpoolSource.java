package dev.mailwright.inbound;

import dev.mailwright.inbound.internal.SpoolStore;
import dev.mailwright.inbound.spi.MailSource;
import dev.mailwright.inbound.spi.SourceMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The listener's spool read directly by a pipeline in the same process ({@link
 * InboundListener#source}): records are claimed from the spool instead of going through a synced
 * file per message in {@code new/} first. Delivered replies are archived in the success folder's
 * mbox of the day ({@link SpoolArchive}), the others filed as a {@link MaildirSource} files its
 * messages; the maildir is still read, for messages that skipped the spool and for retries.
 *
 * <p>A record stays in the spool until the batch that filed it is flushed and the spool's progress
 * mark (written at most every 250 ms) has passed it: a crash before that offers it again, and the
 * delivery ledger keeps the handler from seeing it twice (its id is its maildir name either way).
 * Every filed message is synced before its record leaves the spool: the archive once per batch,
 * the other folders' files one by one (they are rare).
 */
final class SpoolSource implements MailSource {
    private final SpoolStore spool;
    private final MaildirSource maildir;
    private final Map<String, SpoolStore.Taken> claimed = new HashMap<>();
    private final List<SpoolStore.Taken> filed = new ArrayList<>();
    private final SpoolArchive archive;
    private final List<SpoolArchive.Entry> delivered = new ArrayList<>();

    SpoolSource(SpoolStore spool, MaildirSource maildir) {
        this.spool = spool;
        this.maildir = maildir;
        this.archive = new SpoolArchive(maildir.filedRoot().resolve("success"), maildir.clock());
        spool.attachConsumer();
    }

    @Override
    public String description() {
        return "the listener's spool, then " + maildir.description();
    }

    @Override
    public synchronized List<SourceMessage> claim(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        List<SourceMessage> out = new ArrayList<>();
        List<SpoolStore.Taken> taken;
        try {
            taken = spool.take(max);
        } catch (IOException e) {
            throw new InboundException("Cannot read the listener's spool: " + e.getMessage()
                    + ". Check the disk; the messages stay in the spool.", e);
        }
        for (SpoolStore.Taken t : taken) {
            claimed.put(t.name(), t);
            out.add(new SourceMessage(t.name(), "spool segment " + t.segment() + " at " + t.offset(), t.content(), 1));
        }
        if (out.size() < max) {
            out.addAll(maildir.claim(max - out.size()));
        }
        return out;
    }

    @Override
    public synchronized void file(SourceMessage message, Disposition disposition, String reason) {
        SpoolStore.Taken t = claimed.remove(message.id());
        if (t == null) {
            maildir.file(message, disposition, reason);
            return;
        }
        if (disposition instanceof Disposition.Delivered || disposition instanceof Disposition.NewThread) {
            delivered.add(new SpoolArchive.Entry(message.id(), message.content(), reason));
        } else {
            maildir.adopt(message.id(), message.content(), true);
            maildir.file(message, disposition, reason);
        }
        filed.add(t);
    }

    @Override
    public synchronized void flush() {
        if (!delivered.isEmpty()) {
            try {
                archive.append(delivered);
            } catch (IOException e) {
                throw new InboundException("Cannot append the delivered replies to the archive in "
                        + maildir.filedRoot() + ": " + e.getMessage() + ". Check the disk; they stay in the spool and"
                        + " are offered again after a restart (the ledger keeps them from the handler).", e);
            }
            delivered.clear();
        }
        maildir.flush();
        if (filed.isEmpty()) {
            return;
        }
        try {
            spool.consumed(filed);
        } catch (IOException e) {
            throw new InboundException("Cannot record the spool's progress: " + e.getMessage()
                    + ". The filed messages may be offered again after a restart (the ledger keeps them from"
                    + " reaching the handler twice).", e);
        } finally {
            filed.clear();
        }
    }

    /** Files what is left, hands the spool back to the mover (unfiled records go into {@code new/}) and closes the maildir. */
    @Override
    public synchronized void close() {
        try {
            flush();
        } finally {
            claimed.clear();
            spool.detachConsumer();
            maildir.close();
        }
    }
}
