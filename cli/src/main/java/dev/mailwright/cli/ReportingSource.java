package dev.mailwright.cli;

import dev.mailwright.inbound.DeliveredReply;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.MaildirSource;
import dev.mailwright.inbound.ReplyHandler;
import dev.mailwright.inbound.UnsubscribeHandler;
import dev.mailwright.inbound.UnsubscribeRequest;
import dev.mailwright.inbound.spi.MailSource;
import dev.mailwright.inbound.spi.SourceMessage;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The maildir source of {@code mailwright inbound run} and {@code listen}: prints one JSON event
 * for every message it files, whatever the disposition, with {@code file} set to where the message
 * was filed. What the host was handed (a reply, a request to unsubscribe) is remembered by the
 * handlers until the message is filed, so its event carries both. Counts what it filed, for the
 * progress line.
 */
final class ReportingSource implements MailSource {
    private final MailSource source;
    private final MaildirSource maildir;
    private final PrintWriter out;
    private final Map<String, Map<String, Object>> handed = new ConcurrentHashMap<>();
    private int filed;

    ReportingSource(MaildirSource maildir, PrintWriter out) {
        this(maildir, maildir, out);
    }

    /**
     * @param source what the pipeline reads: the maildir itself, or the listener's spool in front of it
     *     ({@code InboundListener.source}), which files delivered replies into the day's mbox archive
     * @param maildir the maildir behind it
     * @param out where the events go
     */
    ReportingSource(MailSource source, MaildirSource maildir, PrintWriter out) {
        this.source = source;
        this.maildir = maildir;
        this.out = out;
    }

    /** @return the reply handler that remembers each reply for its event */
    ReplyHandler handler() {
        return (DeliveredReply reply) -> handed.put(reply.original().id(), InboundJson.event(reply));
    }

    /** @return the unsubscribe handler that remembers each request for its event */
    UnsubscribeHandler unsubscribeHandler() {
        return (UnsubscribeRequest request) -> handed.put(request.original().id(), InboundJson.event(request));
    }

    /** @return the maildir this source files into */
    MaildirSource maildir() {
        return maildir;
    }

    /** @return how many messages were filed so far */
    synchronized int filed() {
        return filed;
    }

    @Override
    public String description() {
        return source.description();
    }

    @Override
    public List<SourceMessage> claim(int max) {
        return source.claim(max);
    }

    @Override
    public void file(SourceMessage message, Disposition disposition, String reason) {
        source.file(message, disposition, reason);
        String where = source != maildir && disposition instanceof Disposition.Delivered
                // the spool's delivered replies go into one mbox per day (UTC), not a file each
                ? maildir.filedRoot().resolve(disposition.folder()).resolve(LocalDate.now(ZoneOffset.UTC) + ".mbox").toString()
                : maildir.filedRoot().resolve(disposition.folder()).resolve(message.id()).toString();
        String line = Json.write(InboundJson.event(handed.remove(message.id()), disposition, where));
        synchronized (this) {
            filed++;
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void flush() {
        source.flush();
    }

    @Override
    public void close() {
        source.close();
    }
}
