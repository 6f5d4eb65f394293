package dev.mailwright.inbound;

import dev.mailwright.inbound.internal.Backoff;
import dev.mailwright.inbound.internal.ClaimBook;
import dev.mailwright.inbound.internal.DurableFiles;
import dev.mailwright.inbound.internal.FiledLog;
import dev.mailwright.inbound.internal.MailboxSessions;
import dev.mailwright.inbound.internal.UidlStore;
import dev.mailwright.inbound.spi.MailSource;
import dev.mailwright.inbound.spi.SourceMessage;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A POP3 mailbox as a {@link MailSource}, for servers that offer nothing else, on Angus Mail's POP3
 * provider. Each batch is one POP3 session: log in, {@code UIDL}, {@code RETR} the messages not yet
 * filed, and at {@link #flush()} end the session with {@code QUIT}, which is when the server
 * deletes what was marked.
 *
 * <ul>
 * <li>A message is deleted only after the pipeline filed it (and a rejected one only after a copy
 *     was written to {@code <state>/failed/} with its reason). A crash before {@code QUIT} deletes
 *     nothing: the messages are seen again, and the delivery ledger recognises them (the id is
 *     {@code pop3-<UIDL>}).</li>
 * <li>With {@link Builder#leaveOnServer(boolean)}, nothing is deleted: the UIDLs of filed messages
 *     are kept in {@code <state>/pop3-filed.uidl} (synced before {@code QUIT}) and skipped
 *     afterwards.</li>
 * <li>A message to retry stays on the server; a message above {@code maxMessageBytes} is never
 *     downloaded nor deleted, only recorded as failed. The reason of each filed message goes to
 *     {@code <state>/filed.log}.</li>
 * <li>TLS is required by default ({@code pop3s}, or {@code pop3} with STLS required); the login is
 *     a password or XOAUTH2. A failed connection is tried again after a backoff; messages above
 *     {@code streamAbove} are streamed through a file.</li>
 * </ul>
 */
public final class Pop3Source implements MailSource {
    private static final Logger LOG = LoggerFactory.getLogger(Pop3Source.class);
    private static final String ID_PREFIX = "pop3-";

    private final MailboxAccount account;
    private final boolean leaveOnServer;
    private final Path spool;
    private final Path failed;
    private final long batchBytes;
    private final long streamAbove;
    private final long maxMessageBytes;
    private final Clock clock;
    private final Backoff backoff;
    private final FiledLog filedLog;
    private final UidlStore uidls;
    private final ClaimBook<String> book = new ClaimBook<>();
    private final Map<String, Message> claimed = new HashMap<>();
    private Store store;
    private POP3Folder folder;
    private Instant nextConnect = Instant.MIN;
    private volatile String connectionProblem;

    private Pop3Source(Builder b) {
        this.account = b.account;
        this.leaveOnServer = b.leaveOnServer;
        this.spool = b.stateDirectory.resolve("spool");
        this.failed = b.stateDirectory.resolve("failed");
        this.batchBytes = b.batchBytes;
        this.streamAbove = b.streamAbove;
        this.maxMessageBytes = b.maxMessageBytes;
        this.clock = b.clock;
        this.backoff = new Backoff(b.minBackoff, b.maxBackoff);
        try {
            Files.createDirectories(spool);
            Files.createDirectories(failed);
        } catch (IOException e) {
            throw new InboundException("Cannot create " + spool + " and " + failed + ": " + e.getMessage(), e);
        }
        this.filedLog = new FiledLog(b.stateDirectory, clock);
        this.uidls = new UidlStore(b.stateDirectory);
    }

    /**
     * @param account the POP3 account
     * @return a builder
     */
    public static Builder builder(MailboxAccount account) {
        return new Builder(account);
    }

    /**
     * @return why the last connection attempt or session failed (never a secret), or empty once a
     *     connection succeeded since
     */
    public java.util.Optional<String> connectionProblem() {
        return java.util.Optional.ofNullable(connectionProblem);
    }

    @Override
    public String description() {
        return "POP3 " + account;
    }

    @Override
    public synchronized List<SourceMessage> claim(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        if (!claimed.isEmpty() || !connect()) {
            return List.of();
        }
        try {
            return fetch(max);
        } catch (MessagingException | IOException | RuntimeException e) {
            connectionProblem = "Lost the session with " + account + ": " + MailboxSessions.describe(e);
            LOG.warn("{}; nothing is deleted, trying again later", connectionProblem);
            disconnect(false);
            nextConnect = clock.instant().plus(backoff.next());
            return List.of();
        }
    }

    private boolean connect() {
        if (store != null) {
            return true;
        }
        if (clock.instant().isBefore(nextConnect)) {
            return false;
        }
        try {
            Properties extra = new Properties();
            extra.setProperty("disabletop", "true");
            store = MailboxSessions.connect(account, extra);
            folder = (POP3Folder) store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            backoff.reset();
            connectionProblem = null;
            return true;
        } catch (InboundException | MessagingException e) {
            disconnect(false);
            Duration delay = backoff.next();
            nextConnect = clock.instant().plus(delay);
            connectionProblem = e instanceof InboundException ? e.getMessage()
                    : "Cannot open the INBOX of " + account + ": " + MailboxSessions.describe(e);
            LOG.warn("{}; trying again in {} s", connectionProblem, delay.toMillis() / 1000.0);
            return false;
        }
    }

    private List<SourceMessage> fetch(int max) throws MessagingException, IOException {
        Message[] all = folder.getMessages();
        FetchProfile fp = new FetchProfile();
        fp.add(UIDFolder.FetchProfileItem.UID);
        fp.add(FetchProfile.Item.SIZE);
        folder.fetch(all, fp);
        List<String> present = new ArrayList<>();
        List<SourceMessage> out = new ArrayList<>();
        long budget = batchBytes;
        Instant now = clock.instant();
        for (Message m : all) {
            String uidl = folder.getUID(m);
            present.add(uidl);
            if (out.size() >= max || uidls.isDone(uidl) || !book.available(uidl, now)) {
                continue;
            }
            long size = m.getSize();
            if (size > maxMessageBytes) {
                tooLarge(uidl, size);
            } else if (out.isEmpty() || size <= budget) {
                budget -= size;
                out.add(retrieve(m, uidl, size));
            }
        }
        if (leaveOnServer) {
            uidls.retainOnly(present);
        }
        return out;
    }

    private SourceMessage retrieve(Message m, String uidl, long size) throws MessagingException, IOException {
        byte[] content;
        if (size > streamAbove) {
            Path file = Files.createTempFile(spool, "pop3-", ".eml");
            try {
                try (OutputStream os = Files.newOutputStream(file)) {
                    m.writeTo(os);
                }
                content = Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } else {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(size, 1024));
            m.writeTo(bytes);
            content = bytes.toByteArray();
        }
        claimed.put(uidl, m);
        return new SourceMessage(ID_PREFIX + uidl, account + " UIDL " + uidl, content, book.claim(uidl));
    }

    private void tooLarge(String uidl, long size) {
        uidls.add(uidl);
        Disposition.Rejected d = new Disposition.Rejected("parse.too-large", "the message has " + size
                + " bytes, more than the limit of " + maxMessageBytes);
        filedLog.append(ID_PREFIX + uidl, d, "(left on the server, not downloaded)", d.reason());
        LOG.warn("Left {} on {} unread: {}", uidl, account, d.reason());
    }

    @Override
    public synchronized void file(SourceMessage message, Disposition disposition, String reason) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(disposition, "disposition");
        String uidl = message.id().substring(ID_PREFIX.length());
        Message m = claimed.remove(uidl);
        if (disposition instanceof Disposition.RetryLater retry) {
            book.retry(uidl, retry.attempt(), retry.notBefore());
            filedLog.append(message.id(), disposition, "(stays on the server)", reason);
            return;
        }
        book.filed(uidl);
        String where = leaveOnServer ? "(left on the server)" : "(deleted)";
        if (disposition instanceof Disposition.Rejected) {
            where = keepFailedCopy(message, reason) + " " + where;
        }
        if (leaveOnServer) {
            uidls.add(uidl);
        } else if (m != null) {
            try {
                m.setFlag(Flags.Flag.DELETED, true);
            } catch (MessagingException e) {
                LOG.warn("Could not mark {} deleted: {}; it is seen again", message.location(), e.toString());
            }
        }
        filedLog.append(message.id(), disposition, where, reason);
    }

    private String keepFailedCopy(SourceMessage message, String reason) {
        String name = URLEncoder.encode(message.id(), StandardCharsets.UTF_8).replace("%", "_");
        try {
            DurableFiles.writeAtomically(failed.resolve(name + ".reason"), reason + "\n", false);
            Files.write(failed.resolve(name), message.content());
            return failed.resolve(name).toString();
        } catch (IOException e) {
            throw new InboundException("Cannot keep a copy of the rejected message " + message.location() + " in " + failed
                    + ": " + e.getMessage() + "; it stays on the server and is seen again.", e);
        }
    }

    /** Makes the filing durable, then ends the session ({@code QUIT} deletes what was marked). */
    @Override
    public synchronized void flush() {
        uidls.sync();
        disconnect(true);
    }

    private void disconnect(boolean commit) {
        claimed.clear();
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(commit);
            }
        } catch (MessagingException e) {
            LOG.warn("Ending the session with {} failed: {}; what it was to delete is seen again", account, e.toString());
        }
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException e) {
            // the session is over either way
        }
        folder = null;
        store = null;
    }

    /** Ends the session without deleting what was not filed. */
    @Override
    public synchronized void close() {
        flush();
        filedLog.close();
    }

    /** Builds a {@link Pop3Source}; setters are named after the properties. */
    public static final class Builder extends MailboxSourceBuilder<Builder> {
        private boolean leaveOnServer;

        private Builder(MailboxAccount account) {
            super(account, MailboxAccount.Protocol.POP3, "Pop3Source");
        }

        @Override
        Builder self() {
            return this;
        }

        /** @param leave keep filed messages on the server (remembered by UIDL) instead of deleting them @return this */
        public Builder leaveOnServer(boolean leave) {
            this.leaveOnServer = state.set("leaveOnServer", leave);
            return this;
        }

        /**
         * @return the source; it connects at the first claim
         * @throws IllegalStateException when the state directory is missing
         */
        public Pop3Source open() {
            requireStateDirectory("Pop3Source");
            return new Pop3Source(this);
        }
    }
}
