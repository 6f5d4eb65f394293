package dev.mailwright.core;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores settings in one properties file. A save writes a temporary file beside the target with
 * owner-only permissions, syncs it, then renames it over the target atomically, so a failed save
 * (a full disk, a crash) never loses the previous good file. Thread-safe.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = Set.copyOf(PosixFilePermissions.fromString("rw-------"));

    private final Path file;
    /** Runs between writing the temporary file and renaming it; tests use it to simulate a failure. */
    volatile IoStep beforeRename = () -> { };

    /** A step that may fail with an I/O error. */
    @FunctionalInterface
    interface IoStep {
        void run() throws IOException;
    }

    /** @param file where the settings live */
    public SettingsStore(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /**
     * @return the stored settings, or empty when nothing was saved yet
     * @throws MailwrightException when the file exists but cannot be read
     */
    public Optional<EmailSettings> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(SettingsLoader.fromFile(file));
    }

    /**
     * Saves the settings atomically with owner-only permissions. Invalid settings are refused, so
     * the stored file is always usable.
     *
     * @param settings the settings to store
     * @throws InvalidSettingsException when the settings have problems
     * @throws MailwrightException when writing fails; the previous file is then untouched
     */
    public synchronized void save(EmailSettings settings) {
        settings.requireValid();
        Path dir = file.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createOwnerOnlyTemp(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream os = java.nio.channels.Channels.newOutputStream(ch);
                 Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
                w.write("# Mailwright email settings. Owner-only: it holds the SMTP password.\n");
                for (var e : new TreeMap<>(SettingsLoader.toProperties(settings)).entrySet()) {
                    w.write(escape(e.getKey().toString()) + "=" + escape(e.getValue().toString()) + "\n");
                }
                w.flush();
                ch.force(true);
            }
            beforeRename.run();
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncDirectory(dir);
            LOG.info("Saved email settings to {}", file);
        } catch (IOException e) {
            throw new MailwrightException("Cannot save the settings to " + file + ": " + e
                    + ". The previous settings file is unchanged; check free space and permissions of " + dir + ".", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("Could not remove the temporary settings file {}: {}", tmp, e.toString());
                }
            }
        }
    }

    private Path createOwnerOnlyTemp(Path dir) throws IOException {
        String prefix = "." + file.getFileName() + ".";
        try {
            return Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Path tmp = Files.createTempFile(dir, prefix, ".tmp");
            java.io.File f = tmp.toFile();
            boolean ok = f.setReadable(false, false) & f.setWritable(false, false)
                    & f.setReadable(true, true) & f.setWritable(true, true);
            if (!ok) {
                LOG.warn("Could not restrict the permissions of {}", tmp);
            }
            return tmp;
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Directory sync not supported for {}: {}", dir, e.toString());
        }
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=', ':', '#', '!' -> out.append('\\').append(c);
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (c == ' ' && (i == 0)) {
                        out.append("\\ ");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "SettingsStore[" + file + "]";
    }
}
