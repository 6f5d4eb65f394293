package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.InboundException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * Where a mailbox source keeps the reason of each message it filed, since an IMAP or POP3 server
 * has no place for it beside the message: one line per message, appended to
 * {@code <state>/filed.log}: time, folder, the source's id, the code (of a rejected or discarded
 * message) and the reason on one line.
 */
public final class FiledLog implements AutoCloseable {
    private final Path file;
    private final Writer out;
    private final Clock clock;

    /**
     * @param stateDirectory the source's state directory (created if missing)
     * @param clock the clock of the time stamps
     */
    public FiledLog(Path stateDirectory, Clock clock) {
        this.file = stateDirectory.resolve("filed.log");
        this.clock = clock;
        try {
            Files.createDirectories(stateDirectory);
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new InboundException("Cannot open " + file + ": " + e.getMessage() + ". Check that the state directory is writable.", e);
        }
    }

    /**
     * @param id the source's id of the message
     * @param disposition what became of it
     * @param where the folder it went to, or where it stays
     * @param reason the reason (folded onto one line)
     */
    public synchronized void append(String id, Disposition disposition, String where, String reason) {
        try {
            String code = disposition instanceof Disposition.Rejected r ? r.code() + " "
                    : disposition instanceof Disposition.Discarded d ? d.code() + " " : "";
            out.write(clock.instant() + " " + disposition.folder() + " " + where + " " + id + " " + code
                    + reason.replaceAll("\\s*\\R\\s*", " | ") + "\n");
            out.flush();
        } catch (IOException e) {
            throw new InboundException("Cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // nothing more to write
        }
    }
}
