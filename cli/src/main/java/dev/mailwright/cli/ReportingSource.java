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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.BiFunction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The source of {@code mailwright inbound run} and {@code listen} (a maildir, an IMAP or a POP3
 * mailbox): prints one JSON event
 * for every message it files, whatever the disposition, with {@code file} set to where the message
 * was filed. What the host was handed (a reply, a request to unsubscribe) is remembered by the
 * handlers until the message is filed, so its event carries both. Counts what it filed, for the
 * progress line.
 */
final class ReportingSource implements MailSource {
    private final MailSource source;
    private final BiFunction<SourceMessage, Disposition, String> where;
    private final String filedUnder;
    private final PrintWriter out;
    private final Map<String, Map<String, Object>> handed = new ConcurrentHashMap<>();
    private int filed;

    ReportingSource(MaildirSource maildir, PrintWriter out) {
        this(maildir, (m, d) -> maildir.filedRoot().resolve(d.folder()).resolve(m.id()).toString(),
                maildir.filedRoot().toString(), out);
    }

    /**
     * @param source the listener's spool in front of {@code maildir} ({@code InboundListener.source}),
     *     which files delivered replies into the day's mbox archive (UTC) rather than a file each
     * @param maildir the maildir behind it
     * @param out where the events go
     * @return the reporting source
     */
    static ReportingSource spool(MailSource source, MaildirSource maildir, PrintWriter out) {
        return new ReportingSource(source, (m, d) -> d instanceof Disposition.Delivered || d instanceof Disposition.NewThread
                ? maildir.filedRoot().resolve(d.folder()).resolve(LocalDate.now(ZoneOffset.UTC) + ".mbox").toString()
                : maildir.filedRoot().resolve(d.folder()).resolve(m.id()).toString(),
                maildir.filedRoot().toString(), out);
    }

    /**
     * @param source any source
     * @param where where a message was filed, for its event's {@code file}
     * @param filedUnder where messages are filed, for the summary
     * @param out where the events go
     */
    ReportingSource(MailSource source, BiFunction<SourceMessage, Disposition, String> where, String filedUnder, PrintWriter out) {
        this.source = source;
        this.where = where;
        this.filedUnder = filedUnder;
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

    /** @return where this source files messages, for the summary */
    String filedUnder() {
        return filedUnder;
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
        String line = Json.write(InboundJson.event(handed.remove(message.id()), disposition, where.apply(message, disposition)));
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
    public void awaitMessages(Duration timeout) throws InterruptedException {
        source.awaitMessages(timeout);
    }

    @Override
    public void close() {
        source.close();
    }
}
