package dev.mailwright.inbound;

import dev.mailwright.inbound.internal.Backoff;
import dev.mailwright.inbound.internal.Checks;
import dev.mailwright.inbound.internal.ClaimBook;
import dev.mailwright.inbound.internal.FiledLog;
import dev.mailwright.inbound.internal.ImapMailbox;
import dev.mailwright.inbound.internal.MailboxSessions;
import dev.mailwright.inbound.spi.MailSource;
import dev.mailwright.inbound.spi.SourceMessage;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IMAP mailbox (or one folder of it) as a {@link MailSource}, on Angus Mail's IMAP provider:
 * for hosts whose mail lives in Microsoft 365, Google Workspace or a corporate IMAP server.
 *
 * <pre>{@code
 * try (ImapSource imap = ImapSource.builder(account).stateDirectory(Path.of("/data/mailwright/imap")).open()) {
 *     while (running) {
 *         pipeline.drain(imap);
 *         imap.awaitMessages(Duration.ofMinutes(5));    // IDLE when offered, polling otherwise
 *     }
 * }
 * }</pre>
 *
 * <ul>
 * <li><b>Never loses a reply.</b> A message is moved out of the folder only after the pipeline
 *     filed it: into {@code processedFolder} (delivered, discarded) or {@code failedFolder}
 *     (rejected), with {@code MOVE} (RFC 6851) or, when the server lacks it, {@code COPY},
 *     {@code \Deleted} and {@code EXPUNGE}; the moves of a batch are made together by
 *     {@link #flush()}. A crash before the move means the message is seen again; the pipeline's
 *     delivery ledger recognises it (same id: {@code imap-<UIDVALIDITY>-<UID>}) and files it
 *     without calling the handler twice. A message to retry stays in the folder. The reason of
 *     each moved message goes to {@code <state>/filed.log} once it is moved.</li>
 * <li><b>Sees every message.</b> Each claim asks the server (NOOP, so that it reports what arrived,
 *     then UID SEARCH over the start of the folder) instead of trusting a remembered count; before
 *     each IDLE and after each reconnection it looks again, so a message that arrived between a
 *     FETCH and the IDLE is picked up at once. A change of UIDVALIDITY makes it forget every UID it
 *     held.</li>
 * <li><b>Reconnects</b> with a backoff (1 second, doubled up to 5 minutes by default) when the
 *     connection or the server goes away; claims made meanwhile are empty.</li>
 * <li><b>Bounded memory.</b> Messages come in batches of at most {@code batchBytes}; a body above
 *     {@code streamAbove} is fetched in parts into a file of the state directory; a message above
 *     {@code maxMessageBytes} is not downloaded at all but filed as {@code parse.too-large}.</li>
 * </ul>
 *
 * <p>Read one folder with one source: a second source on the same folder is safe (the ledger keeps
 * the handler from seeing a reply twice) but does the same work twice.
 */
public final class ImapSource implements MailSource {
    private static final Logger LOG = LoggerFactory.getLogger(ImapSource.class);
    private static final String ID_PREFIX = "imap-";

    private final MailboxAccount account;
    private final String processedFolder;
    private final String failedFolder;
    private final Path spool;
    private final long batchBytes;
    private final long streamAbove;
    private final long maxMessageBytes;
    private final Duration pollInterval;
    private final Clock clock;
    private final Backoff backoff;
    private final FiledLog filedLog;
    private final ClaimBook<Long> book = new ClaimBook<>();
    private final Map<String, List<Filed>> pendingMoves = new LinkedHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile ImapMailbox box;
    private long uidValidity = -1;
    private Instant nextConnect = Instant.MIN;
    private volatile String connectionProblem;
    private volatile boolean closed;

    private ImapSource(Builder b) {
        this.account = b.account;
        this.processedFolder = b.processedFolder;
        this.failedFolder = b.failedFolder;
        this.spool = b.stateDirectory.resolve("spool");
        this.batchBytes = b.batchBytes;
        this.streamAbove = b.streamAbove;
        this.maxMessageBytes = b.maxMessageBytes;
        this.pollInterval = b.pollInterval;
        this.clock = b.clock;
        this.backoff = new Backoff(b.minBackoff, b.maxBackoff);
        try {
            Files.createDirectories(spool);
        } catch (IOException e) {
            throw new InboundException("Cannot create " + spool + ": " + e.getMessage() + ". Check the state directory.", e);
        }
        this.filedLog = new FiledLog(b.stateDirectory, clock);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailwright-imap-idle-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param account the IMAP account and folder
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
        return "IMAP " + account;
    }

    /** @return true while connected to the server */
    public boolean isConnected() {
        ImapMailbox b = box;
        return b != null && b.isOpen();
    }

    @Override
    public synchronized List<SourceMessage> claim(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        if (!connected()) {
            return List.of();
        }
        try {
            moveFiled();
            return fetch(max);
        } catch (MessagingException | IOException | RuntimeException e) {
            lost(e);
            return List.of();
        }
    }

    private List<SourceMessage> fetch(int max) throws MessagingException, IOException {
        box.noop();   // the server shows messages that arrived since the last command only after a sync
        Instant now = clock.instant();
        List<Long> wanted = new ArrayList<>();
        for (long uid : box.firstUids(2 * max + book.size() + pendingCount())) {
            if (wanted.size() < max && book.available(uid, now) && !isPendingMove(uid)) {
                wanted.add(uid);
            }
        }
        Map<Long, Long> sizes = box.sizes(wanted);
        List<Long> small = new ArrayList<>();
        List<SourceMessage> out = new ArrayList<>();
        long budget = batchBytes;
        for (long uid : wanted) {
            Long size = sizes.get(uid);
            if (size == null) {
                continue;
            }
            if (size > maxMessageBytes) {
                fileTooLarge(uid, size);
            } else if ((!small.isEmpty() || !out.isEmpty()) && size > budget) {
                break;
            } else if (size > streamAbove) {
                SourceMessage m = streamed(uid, size);
                if (m != null) {
                    out.add(m);
                }
                budget -= size;
            } else {
                small.add(uid);
                budget -= size;
            }
        }
        Map<Long, byte[]> bodies = box.bodies(small);
        for (long uid : small) {
            byte[] content = bodies.get(uid);
            if (content != null) {
                out.add(message(uid, content));
            }
        }
        return out;
    }

    private SourceMessage message(long uid, byte[] content) {
        int attempt = book.claim(uid);
        return new SourceMessage(ID_PREFIX + uidValidity + "-" + uid, account + " UID " + uid, content, attempt);
    }

    private SourceMessage streamed(long uid, long size) throws MessagingException, IOException {
        Path file = Files.createTempFile(spool, "uid-" + uid + "-", ".eml");
        try {
            boolean present;
            try (OutputStream out = Files.newOutputStream(file)) {
                present = box.stream(uid, size, (int) Math.min(streamAbove, 1 << 20), out);
            }
            return present ? message(uid, Files.readAllBytes(file)) : null;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void fileTooLarge(long uid, long size) {
        SourceMessage stub = message(uid, new byte[0]);
        file(stub, new Disposition.Rejected("parse.too-large", "the message has " + size
                + " bytes, more than the limit of " + maxMessageBytes), "the message is too large to be read; it was not downloaded");
    }

    @Override
    public synchronized void file(SourceMessage message, Disposition disposition, String reason) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(disposition, "disposition");
        long[] ref = parseId(message.id());
        if (ref[0] != uidValidity) {
            LOG.warn("Not moving {}: the folder's UIDVALIDITY changed since it was claimed; it is seen again and the"
                    + " delivery ledger recognises it", message.location());
            filedLog.append(message.id(), disposition, "(stays: UIDVALIDITY changed)", reason);
            return;
        }
        long uid = ref[1];
        if (disposition instanceof Disposition.RetryLater retry) {
            book.retry(uid, retry.attempt(), retry.notBefore());
            filedLog.append(message.id(), disposition, account.folder(), reason);
            return;
        }
        String destination = disposition instanceof Disposition.Rejected ? failedFolder : processedFolder;
        book.filed(uid);
        pendingMoves.computeIfAbsent(destination, d -> new ArrayList<>()).add(new Filed(uid, message.id(), disposition, reason));
        LOG.debug("Moving {} => {}", message.location(), destination);
    }

    /** A message filed and waiting for its move, with what goes into {@code filed.log} once it is moved. */
    private record Filed(long uid, String id, Disposition disposition, String reason) {
    }

    /** Moves what was filed since the last call into its folders, one command per folder. */
    @Override
    public synchronized void flush() {
        if (pendingMoves.isEmpty() || !isConnected()) {
            return;
        }
        try {
            moveFiled();
        } catch (MessagingException | RuntimeException e) {
            lost(e);
        }
    }

    private void moveFiled() throws MessagingException {
        var it = pendingMoves.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            box.move(e.getValue().stream().map(Filed::uid).toList(), e.getKey());
            it.remove();
            for (Filed f : e.getValue()) {
                filedLog.append(f.id(), f.disposition(), e.getKey(), f.reason());
            }
        }
    }

    private int pendingCount() {
        return pendingMoves.values().stream().mapToInt(List::size).sum();
    }

    private boolean isPendingMove(long uid) {
        return pendingMoves.values().stream().anyMatch(l -> l.stream().anyMatch(f -> f.uid() == uid));
    }

    /**
     * Waits for new mail: with IDLE when the server offers it (at most half the account's timeout
     * at a time, so a silently dropped connection is noticed), by sleeping {@code pollInterval}
     * otherwise. Returns at once when a message is already waiting (one that arrived after the
     * last claim), and after a reconnection.
     */
    @Override
    public void awaitMessages(Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        ImapMailbox idleOn;
        synchronized (this) {
            if (!connected()) {
                sleepUntil(nextConnect.isAfter(deadline) ? deadline : nextConnect);
                return;
            }
            try {
                moveFiled();
                if (waiting()) {
                    return;
                }
            } catch (MessagingException | RuntimeException e) {
                lost(e);
                return;
            }
            idleOn = box.hasIdle() ? box : null;
        }
        Duration wait = min(timeout, idleOn != null ? account.timeout().dividedBy(2) : pollInterval);
        if (idleOn == null) {
            synchronized (this) {
                sleepUntil(clock.instant().plus(wait));
            }
            return;
        }
        try {
            idleOn.idle(wait, timer);
        } catch (MessagingException | RuntimeException e) {
            synchronized (this) {
                if (!closed) {
                    lost(e);
                }
            }
        }
    }

    /** Ends a wait of {@link #awaitMessages} in progress (to stop a loop that drains and waits). */
    public void wakeUp() {
        ImapMailbox b = box;
        if (b != null) {
            b.abortIdle();
        }
        synchronized (this) {
            notifyAll();
        }
    }

    /** @return true when a message is in the folder that this source may claim now */
    private boolean waiting() throws MessagingException {
        box.noop();
        Instant now = clock.instant();
        for (long uid : box.firstUids(1 + book.size() + pendingCount())) {
            if (book.available(uid, now) && !isPendingMove(uid)) {
                return true;
            }
        }
        return false;
    }

    private void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(clock.instant(), when).toMillis();
        if (millis > 0) {
            wait(millis);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** @return true when connected, connecting first when the backoff allows it */
    private boolean connected() {
        if (closed) {
            return false;
        }
        if (box != null && box.isOpen()) {
            return true;
        }
        if (clock.instant().isBefore(nextConnect)) {
            return false;
        }
        try {
            box = ImapMailbox.open(account, List.of(processedFolder, failedFolder), (int) Math.min(streamAbove, 1 << 20));
        } catch (InboundException e) {
            Duration delay = backoff.next();
            nextConnect = clock.instant().plus(delay);
            LOG.warn("{}; trying again in {} s", e.getMessage(), delay.toMillis() / 1000.0);
            connectionProblem = e.getMessage();
            return false;
        }
        backoff.reset();
        connectionProblem = null;
        if (uidValidity != box.uidValidity()) {
            if (uidValidity != -1) {
                LOG.warn("The UIDVALIDITY of {} changed from {} to {}: every message is looked at again (the delivery"
                        + " ledger keeps replies already handed over from being handed over twice)", account, uidValidity,
                        box.uidValidity());
            }
            book.clear();
            pendingMoves.clear();
            uidValidity = box.uidValidity();
        }
        LOG.info("Connected to {} (UIDVALIDITY {}, {}, {})", account, uidValidity, box.hasIdle() ? "IDLE" : "polling",
                box.hasMove() ? "MOVE" : "COPY + EXPUNGE");
        return true;
    }

    private void lost(Exception e) {
        Duration delay = backoff.next();
        nextConnect = clock.instant().plus(delay);
        connectionProblem = "Lost the connection to " + account + ": " + MailboxSessions.describe(e);
        LOG.warn("{}; reconnecting in {} s", connectionProblem, delay.toMillis() / 1000.0);
        ImapMailbox b = box;
        box = null;
        if (b != null) {
            b.close();
        }
    }

    private static long[] parseId(String id) {
        try {
            int dash = id.indexOf('-', ID_PREFIX.length());
            return new long[] {Long.parseLong(id.substring(ID_PREFIX.length(), dash)), Long.parseLong(id.substring(dash + 1))};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + id + "' is not the id of a message of an ImapSource", e);
        }
    }

    /** Moves what was filed, then logs out. Unfiled claims stay in the folder for the next instance. */
    @Override
    public void close() {
        closed = true;
        wakeUp();
        synchronized (this) {
            try {
                if (box != null && box.isOpen()) {
                    moveFiled();
                }
            } catch (MessagingException | RuntimeException e) {
                LOG.warn("Could not move the last filed messages of {}: {}; they are seen again and recognised by the"
                        + " delivery ledger", account, MailboxSessions.describe(e));
            }
            if (box != null) {
                box.close();
                box = null;
            }
            notifyAll();
        }
        timer.shutdownNow();
        filedLog.close();
    }

    /** Builds an {@link ImapSource}; setters are named after the properties. */
    public static final class Builder extends MailboxSourceBuilder<Builder> {
        private String processedFolder = "Mailwright/Processed";
        private String failedFolder = "Mailwright/Failed";
        private Duration pollInterval = Duration.ofSeconds(30);

        private Builder(MailboxAccount account) {
            super(account, MailboxAccount.Protocol.IMAP, "ImapSource");
        }

        @Override
        Builder self() {
            return this;
        }

        /** @param folder where delivered and discarded messages go; {@code Mailwright/Processed} by default @return this */
        public Builder processedFolder(String folder) {
            this.processedFolder = requireFolder(state.set("processedFolder", folder), "processedFolder");
            return this;
        }

        /** @param folder where rejected messages go; {@code Mailwright/Failed} by default @return this */
        public Builder failedFolder(String folder) {
            this.failedFolder = requireFolder(state.set("failedFolder", folder), "failedFolder");
            return this;
        }

        private static String requireFolder(String folder, String name) {
            Objects.requireNonNull(folder, name);
            if (folder.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return folder;
        }

        /** @param interval how often a server without IDLE is asked for new mail; 30 seconds by default @return this */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = state.set("pollInterval", interval);
            Checks.positive(interval.toMillis(), "pollInterval (ms)");
            return this;
        }

        /**
         * Prepares the source; it connects at the first claim (and reconnects by itself), so a
         * server that is down at start is not an error.
         *
         * @return the source
         * @throws IllegalStateException when the state directory is missing
         */
        public ImapSource open() {
            requireStateDirectory("ImapSource");
            return new ImapSource(this);
        }
    }
}
