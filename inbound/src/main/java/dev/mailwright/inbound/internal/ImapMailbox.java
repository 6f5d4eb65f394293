package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.InboundException;
import dev.mailwright.inbound.MailboxAccount;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * One connection to an IMAP mailbox, with the folder selected read-write. Everything is done by
 * UID with raw commands through Angus Mail's {@link IMAPFolder#doCommand}, so no message sequence
 * number or message count is ever remembered between commands. The responses to these commands
 * are not handed to Angus's folder (only a BYE is, so that it knows the connection is gone): it
 * would keep a message object per UID fetched and renumber its whole cache at each EXPUNGE, which
 * made memory grow and throughput fall with the size of the mailbox.
 *
 * <p>Not thread-safe, except {@link #abortIdle()} and {@link #close()}, which another thread may call.
 */
public final class ImapMailbox implements AutoCloseable {
    private final MailboxAccount account;
    private final IMAPStore store;
    private final IMAPFolder folder;
    private final long uidValidity;
    private final boolean move;
    private final boolean idle;
    private final boolean uidplus;

    private ImapMailbox(MailboxAccount account, IMAPStore store, IMAPFolder folder) throws MessagingException {
        this.account = account;
        this.store = store;
        this.folder = folder;
        this.uidValidity = folder.getUIDValidity();
        this.move = store.hasCapability("MOVE");
        this.idle = store.hasCapability("IDLE");
        this.uidplus = store.hasCapability("UIDPLUS");
    }

    /**
     * Connects, logs in, creates the destination folders that are missing and selects the folder.
     *
     * @param account the account
     * @param destinations the folders messages are moved into
     * @param fetchSize the size of each partial FETCH of a large body
     * @return the open mailbox
     * @throws InboundException naming the account and what failed
     */
    public static ImapMailbox open(MailboxAccount account, List<String> destinations, int fetchSize) {
        Properties extra = new Properties();
        extra.setProperty("partialfetch", "true");
        extra.setProperty("fetchsize", Integer.toString(fetchSize));
        extra.setProperty("peek", "true");
        IMAPStore store = (IMAPStore) MailboxSessions.connect(account, extra);
        try {
            for (String d : destinations) {
                Folder f = store.getFolder(d);
                if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES)) {
                    throw new MessagingException("the server refused to create the folder " + d);
                }
            }
            IMAPFolder folder = (IMAPFolder) store.getFolder(account.folder());
            folder.open(Folder.READ_WRITE);
            return new ImapMailbox(account, store, folder);
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(store);
            throw new InboundException("Cannot open the folder " + account.folder() + " or the folders " + destinations
                    + " of " + account + ": " + MailboxSessions.describe(e) + ". Check that the folders exist or may be created.", e);
        }
    }

    /** @return the folder's UIDVALIDITY when it was selected */
    public long uidValidity() {
        return uidValidity;
    }

    /** @return true when the server offers MOVE (RFC 6851) */
    public boolean hasMove() {
        return move;
    }

    /** @return true when the server offers IDLE (RFC 2177) */
    public boolean hasIdle() {
        return idle;
    }

    /** @return true while the connection is open */
    public boolean isOpen() {
        return folder.isOpen();
    }

    /**
     * The UIDs of the first messages of the folder that are not marked deleted, in the server's
     * order (oldest first), as the server sees the folder now.
     *
     * @param window how many messages from the start of the folder to look at
     * @return the UIDs, ascending
     */
    public List<Long> firstUids(int window) throws MessagingException {
        Response[] r;
        try {
            r = run("UID SEARCH 1:" + window + " UNDELETED");
        } catch (MessagingException e) {
            r = run("UID SEARCH UNDELETED");
        }
        List<Long> uids = new ArrayList<>();
        for (Response response : r) {
            if (response instanceof IMAPResponse ir && ir.keyEquals("SEARCH")) {
                long uid;
                while ((uid = ir.readLong()) != -1) {
                    uids.add(uid);
                }
            }
        }
        uids.sort(null);
        return uids.size() > window ? new ArrayList<>(uids.subList(0, window)) : uids;
    }

    /**
     * @param uids UIDs of messages of the folder
     * @return the size of each message that still exists, by UID
     */
    public Map<Long, Long> sizes(List<Long> uids) throws MessagingException {
        Map<Long, Long> out = new HashMap<>();
        if (uids.isEmpty()) {
            return out;
        }
        for (Response response : run("UID FETCH " + set(uids) + " (UID RFC822.SIZE)")) {
            if (response instanceof FetchResponse f && f.getItem(UID.class) != null && f.getItem(RFC822SIZE.class) != null) {
                out.put(f.getItem(UID.class).uid, f.getItem(RFC822SIZE.class).size);
            }
        }
        return out;
    }

    /**
     * Fetches whole messages in one command, without setting \Seen.
     *
     * @param uids UIDs of (small) messages
     * @return the raw bytes of each message that still exists, by UID
     */
    public Map<Long, byte[]> bodies(List<Long> uids) throws MessagingException {
        Map<Long, byte[]> out = new HashMap<>();
        if (uids.isEmpty()) {
            return out;
        }
        for (Response response : run("UID FETCH " + set(uids) + " (UID BODY.PEEK[])")) {
            if (response instanceof FetchResponse f && f.getItem(UID.class) != null && f.getItem(BODY.class) != null) {
                out.put(f.getItem(UID.class).uid, f.getItem(BODY.class).getByteArray().getNewBytes());
            }
        }
        return out;
    }

    /**
     * Streams one message to {@code out} in partial FETCHes of {@code chunk} bytes, so that a large
     * body is never held in memory whole.
     *
     * @param uid the message
     * @param size its size
     * @param chunk the bytes per FETCH
     * @param out where the bytes go
     * @return false when the message no longer exists
     */
    public boolean stream(long uid, long size, int chunk, OutputStream out) throws MessagingException, IOException {
        for (long offset = 0; offset < size; offset += chunk) {
            byte[] part = null;
            for (Response response : run("UID FETCH " + uid + " (UID BODY.PEEK[]<" + offset + "." + chunk + ">)")) {
                if (response instanceof FetchResponse f && f.getItem(UID.class) != null && f.getItem(UID.class).uid == uid
                        && f.getItem(BODY.class) != null) {
                    part = f.getItem(BODY.class).getByteArray().getNewBytes();
                }
            }
            if (part == null) {
                return false;
            }
            out.write(part);
            if (part.length < chunk) {
                break;
            }
        }
        return true;
    }

    /**
     * Moves messages into another folder: {@code UID MOVE} when the server offers it, otherwise
     * {@code UID COPY}, {@code UID STORE +FLAGS (\Deleted)} and {@code UID EXPUNGE} (or, without
     * UIDPLUS, {@code EXPUNGE}, which also removes other messages marked deleted).
     *
     * @param uids the messages (UIDs that no longer exist are ignored by the server)
     * @param destination the folder
     */
    public void move(List<Long> uids, String destination) throws MessagingException {
        if (uids.isEmpty()) {
            return;
        }
        String set = set(uids);
        String mailbox = quote(BASE64MailboxEncoder.encode(destination));
        if (move) {
            run("UID MOVE " + set + " " + mailbox);
            return;
        }
        run("UID COPY " + set + " " + mailbox);
        run("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)");
        run(uidplus ? "UID EXPUNGE " + set : "EXPUNGE");
    }

    /**
     * Idles until the server reports a change of the folder (a new message, say) or {@code max}
     * has passed; {@link #abortIdle()} from another thread also ends it. Uses IDLE; the caller checks
     * {@link #hasIdle()} first.
     *
     * @param max the longest wait
     * @param timer the thread that ends the wait after {@code max}
     */
    public void idle(Duration max, ScheduledExecutorService timer) throws MessagingException {
        ScheduledFuture<?> stop = timer.schedule(this::abortIdle, max.toMillis(), TimeUnit.MILLISECONDS);
        try {
            folder.idle(true);
        } finally {
            stop.cancel(false);
        }
    }

    /** Ends an IDLE in progress (Angus sends DONE when another thread uses the folder). */
    public void abortIdle() {
        try {
            folder.doCommand(p -> null);
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone: the idling thread sees it too
        }
    }

    /** Sends NOOP, so that the server reports what changed (and a dead connection shows). */
    public void noop() throws MessagingException {
        run("NOOP");
    }

    private Response[] run(String command) throws MessagingException {
        return (Response[]) folder.doCommand(p -> {
            Response[] r = p.command(command, null);
            for (Response response : r) {
                if (response.isBYE()) {
                    p.notifyResponseHandlers(new Response[] {response});
                }
            }
            p.handleResult(r[r.length - 1]);
            return r;
        });
    }

    private static String set(List<Long> uids) {
        StringBuilder out = new StringBuilder();
        for (Long uid : uids) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(uid);
        }
        return out.toString();
    }

    private static String quote(String mailbox) {
        return "\"" + mailbox.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // closing a broken connection
        }
        closeQuietly(store);
    }

    private static void closeQuietly(IMAPStore store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // closing a broken connection
        }
    }

    @Override
    public String toString() {
        return "ImapMailbox[" + account + ", UIDVALIDITY " + uidValidity + ", MOVE " + move + ", IDLE " + idle + "]";
    }
}
