package dev.mailwright.inbound;

import dev.mailwright.core.BuilderState;
import dev.mailwright.inbound.internal.Checks;
import dev.mailwright.inbound.internal.DurableFiles;
import dev.mailwright.inbound.internal.OwnerLock;
import dev.mailwright.inbound.spi.MailSource;
import dev.mailwright.inbound.spi.SourceMessage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A maildir as Postfix's virtual delivery fills it ({@code tmp/}, {@code new/}, {@code cur/}).
 *
 * <p>A message is claimed by renaming it out of {@code new/} into this instance's claim folder
 * {@code <maildir>/.mailwright/claims/<owner>/}; a rename succeeds for one process only, so
 * several pipeline processes on one maildir never take the same message. Filed messages go to
 * {@code <filed>/success}, {@code failure} or {@code discarded}, with the reason beside them in
 * {@code <name>.reason}; messages to retry wait in {@code <filed>/retry}. When an instance opens,
 * it moves the claims of dead owners (their lock is free) back into {@code new/} (a message
 * recovered that way starts again at attempt 1).
 */
public final class MaildirSource implements MailSource {
    private static final Logger LOG = LoggerFactory.getLogger(MaildirSource.class);
    private static final String NEXT_SUFFIX = ".next";

    private final Path maildir;
    private final Path newDir;
    private final Path filed;
    private final Path claimsRoot;
    private final Path ownersDir;
    private final Path claims;
    private final OwnerLock owner;
    private final long maxMessageBytes;
    private final Clock clock;
    private final Set<Path> touched = new HashSet<>();
    private Instant nextRetryScan = Instant.MIN;

    private MaildirSource(Builder b) {
        this.maildir = b.maildir.toAbsolutePath().normalize();
        this.newDir = maildir.resolve("new");
        this.filed = (b.filed != null ? b.filed : maildir.resolveSibling("incoming-mail")).toAbsolutePath().normalize();
        this.claimsRoot = maildir.resolve(".mailwright").resolve("claims");
        this.ownersDir = maildir.resolve(".mailwright").resolve("owners");
        this.maxMessageBytes = b.maxMessageBytes;
        this.clock = b.clock;
        try {
            for (String d : List.of("tmp", "new", "cur")) {
                Files.createDirectories(maildir.resolve(d));
            }
            for (String d : List.of("success", "failure", "discarded", "retry")) {
                Files.createDirectories(filed.resolve(d));
            }
        } catch (IOException e) {
            throw new InboundException("Cannot prepare the maildir " + maildir + " and the folders under " + filed
                    + ": " + e.getMessage() + ". Check both paths and their permissions.", e);
        }
        this.owner = OwnerLock.acquire(ownersDir);
        this.claims = claimsRoot.resolve(owner.owner());
        try {
            Files.createDirectories(claims);
            recoverDeadClaims();
        } catch (IOException e) {
            owner.close();
            throw new InboundException("Cannot recover the claims under " + claimsRoot + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param maildir the maildir Postfix delivers into (the one holding {@code new/})
     * @return a builder
     */
    public static Builder builder(Path maildir) {
        return new Builder(maildir);
    }

    /** @return the root of the success, failure, discarded and retry folders */
    public Path filedRoot() {
        return filed;
    }

    @Override
    public String description() {
        return "maildir " + maildir;
    }

    private void recoverDeadClaims() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(claimsRoot)) {
            for (Path dir : dirs) {
                String other = dir.getFileName().toString();
                if (other.equals(owner.owner()) || OwnerLock.isAlive(ownersDir, other)) {
                    continue;
                }
                int n = 0;
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path f : files) {
                        if (moveIfPresent(f, newDir.resolve(f.getFileName().toString()))) {
                            n++;
                        }
                    }
                }
                Files.deleteIfExists(dir);
                Files.deleteIfExists(ownersDir.resolve(other + ".lock"));
                if (n > 0) {
                    LOG.info("Recovered {} message(s) claimed by dead owner {} back into {}", n, other, newDir);
                }
            }
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            LOG.debug("claims of a dead owner are being recovered by another process: {}", e.getMessage());
        }
    }

    @Override
    public List<SourceMessage> claim(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        List<SourceMessage> out = new ArrayList<>();
        try {
            claimFrom(newDir, max, out, false);
            Instant now = clock.instant();
            if (out.size() < max && !now.isBefore(nextRetryScan)) {
                nextRetryScan = now.plusSeconds(1);
                claimFrom(filed.resolve("retry"), max, out, true);
            }
        } catch (IOException e) {
            throw new InboundException("Cannot read the maildir " + maildir + ": " + e.getMessage()
                    + ". Check that it exists and is readable by this process.", e);
        }
        return out;
    }

    private void claimFrom(Path dir, int max, List<SourceMessage> out, boolean retries) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (out.size() >= max) {
                    return;
                }
                String name = f.getFileName().toString();
                if (name.startsWith(".") || name.endsWith(NEXT_SUFFIX) || !Files.isRegularFile(f)) {
                    continue;
                }
                int attempt = 1;
                if (retries) {
                    RetryState state = RetryState.read(dir.resolve(name + NEXT_SUFFIX));
                    if (state != null && clock.instant().isBefore(state.notBefore())) {
                        continue;
                    }
                    attempt = state == null ? 2 : state.attempt() + 1;
                }
                Path claimed = claims.resolve(name);
                if (!moveIfPresent(f, claimed)) {
                    continue;
                }
                if (retries) {
                    Files.deleteIfExists(dir.resolve(name + NEXT_SUFFIX));
                }
                SourceMessage m = read(claimed, name, f, attempt);
                if (m != null) {
                    out.add(m);
                }
            }
        }
    }

    private SourceMessage read(Path claimed, String name, Path from, int attempt) throws IOException {
        long size = Files.size(claimed);
        if (size > maxMessageBytes) {
            SourceMessage stub = new SourceMessage(name, from.toString(), new byte[0], attempt);
            file(stub, new Disposition.Rejected("parse.too-large", "the message has " + size
                    + " bytes, more than the limit of " + maxMessageBytes), "the message is too large to be read");
            return null;
        }
        return new SourceMessage(name, from.toString(), Files.readAllBytes(claimed), attempt);
    }

    /**
     * Takes a message that did not come from {@code new/} (a record of the listener's spool) into this
     * instance's claims, so that {@link #file} files it like a claimed one.
     *
     * @param name its unique maildir name
     * @param content the message
     * @param durable sync the file (for a message filed anywhere but {@code success/}, which must survive a crash)
     * @throws InboundException when the file cannot be written
     */
    void adopt(String name, byte[] content, boolean durable) {
        Path claimed = claims.resolve(name);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(claimed, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (durable) {
                ch.force(true);
            }
        } catch (IOException e) {
            throw new InboundException("Cannot write " + claimed + ": " + e.getMessage()
                    + ". Check the disk; the message stays in the spool and is offered again.", e);
        }
    }

    /** @return the maildir this source reads */
    Path maildir() {
        return maildir;
    }

    /** @return the clock deciding when retries are due */
    Clock clock() {
        return clock;
    }

    @Override
    public void file(SourceMessage message, Disposition disposition, String reason) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(disposition, "disposition");
        Path claimed = claims.resolve(message.id());
        Path folder = filed.resolve(disposition.folder());
        try {
            if (disposition instanceof Disposition.RetryLater retry) {
                DurableFiles.writeAtomically(folder.resolve(message.id() + NEXT_SUFFIX),
                        retry.attempt() + " " + retry.notBefore() + "\n" + reason + "\n", false);
            } else {
                Files.writeString(folder.resolve(message.id() + ".reason"), reason + "\n");
            }
            LOG.debug("Moving {} => {}", message.location(), folder);
            Files.move(claimed, folder.resolve(message.id()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            touched.add(folder);
        } catch (IOException e) {
            throw new InboundException("Cannot file " + claimed + " into " + folder + ": " + e.getMessage()
                    + ". It stays claimed and is offered again when the pipeline restarts.", e);
        }
    }

    @Override
    public void flush() {
        try {
            for (Path folder : touched) {
                DurableFiles.syncDirectory(folder);
            }
            touched.clear();
        } catch (IOException e) {
            throw new InboundException("Cannot sync the folders under " + filed + ": " + e.getMessage()
                    + ". Check the disk; the messages filed in this batch may be filed again after a crash.", e);
        }
    }

    @Override
    public void close() {
        flush();
        try {
            List<Path> left = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(claims)) {
                files.forEach(left::add);
            }
            for (Path f : left) {
                moveIfPresent(f, newDir.resolve(f.getFileName().toString()));
            }
            Files.deleteIfExists(claims);
        } catch (IOException e) {
            LOG.warn("Could not give back the claims in {}: {}; they are recovered at the next start", claims, e.toString());
        } finally {
            owner.close();
        }
    }

    private static boolean moveIfPresent(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private record RetryState(int attempt, Instant notBefore) {
        static RetryState read(Path file) {
            try {
                String[] f = Files.readString(file).lines().findFirst().orElse("").split(" ");
                return new RetryState(Integer.parseInt(f[0]), Instant.parse(f[1]));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** Builds a {@link MaildirSource}. */
    public static final class Builder {
        private final BuilderState state = new BuilderState("MaildirSource.Builder");
        private final Path maildir;
        private Path filed;
        private long maxMessageBytes = InboundDefaults.MAX_MESSAGE_BYTES;
        private Clock clock = Clock.systemUTC();

        private Builder(Path maildir) {
            this.maildir = Objects.requireNonNull(maildir, "maildir");
        }

        /**
         * @param filed the root of the success/failure/discarded/retry folders, on the same file
         *     system as the maildir; default {@code <maildir>/../incoming-mail}
         * @return this
         */
        public Builder filedInto(Path filed) {
            this.filed = state.set("filedInto", filed);
            return this;
        }

        /** @param bytes messages larger than this are filed as failure unread @return this */
        public Builder maxMessageBytes(long bytes) {
            this.maxMessageBytes = Checks.positive(state.set("maxMessageBytes", bytes), "maxMessageBytes");
            return this;
        }

        /** @param clock the clock deciding when retries are due @return this */
        public Builder clock(Clock clock) {
            this.clock = state.set("clock", clock);
            return this;
        }

        /**
         * Opens the maildir, creating missing folders and recovering claims of dead owners.
         *
         * @return the source; close it to release its claims
         */
        public MaildirSource open() {
            return new MaildirSource(this);
        }
    }
}
