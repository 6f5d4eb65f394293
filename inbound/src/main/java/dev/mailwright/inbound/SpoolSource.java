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
 * file per message in {@code new/}, and filed into the same folders as a {@link MaildirSource}'s
 * messages; the maildir is still read, for messages that skipped the spool and for retries.
 *
 * <p>A record stays in the spool until the batch that filed it is flushed and the spool's progress
 * mark (written at most every 250 ms) has passed it: a crash before that offers it again, and the
 * delivery ledger keeps the handler from seeing it twice (its id is its maildir name either way). Messages filed anywhere but {@code success/} are synced; the copy in
 * {@code success/} is written without a sync of its own (the handler has the reply, the ledger
 * has its key), so a power cut within the kernel's write-back delay may leave it empty.
 */
final class SpoolSource implements MailSource {
    private final SpoolStore spool;
    private final MaildirSource maildir;
    private final Map<String, SpoolStore.Taken> claimed = new HashMap<>();
    private final List<SpoolStore.Taken> filed = new ArrayList<>();

    SpoolSource(SpoolStore spool, MaildirSource maildir) {
        this.spool = spool;
        this.maildir = maildir;
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
        if (t != null) {
            maildir.adopt(message.id(), message.content(), !(disposition instanceof Disposition.Delivered));
        }
        maildir.file(message, disposition, reason);
        if (t != null) {
            filed.add(t);
        }
    }

    @Override
    public synchronized void flush() {
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
