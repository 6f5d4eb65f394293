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
    private final MaildirSource maildir;
    private final PrintWriter out;
    private final Map<String, Map<String, Object>> handed = new ConcurrentHashMap<>();
    private int filed;

    ReportingSource(MaildirSource maildir, PrintWriter out) {
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
        return maildir.description();
    }

    @Override
    public List<SourceMessage> claim(int max) {
        return maildir.claim(max);
    }

    @Override
    public void file(SourceMessage message, Disposition disposition, String reason) {
        maildir.file(message, disposition, reason);
        String where = maildir.filedRoot().resolve(disposition.folder()).resolve(message.id()).toString();
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
        maildir.flush();
    }

    @Override
    public void close() {
        maildir.close();
    }
}
