package dev.mailwright.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Where {@link SpoolSource} files the replies it delivered: one mbox per UTC day in the success
 * folder ({@code success/YYYY-MM-DD.mbox}, mboxrd: a body line starting with {@code From } or
 * {@code >From } gains a {@code >}), each message with an {@code X-Mailwright-Filed:} line giving
 * the reason, appended and synced once per batch. Creating two files per message (the message and
 * its {@code .reason}, as {@link MaildirSource} does when it renames Postfix's file) cost more
 * than the rest of the pipeline together; any mail client opens the mbox.
 */
final class SpoolArchive {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * @param name the message's maildir name
     * @param content the message as received
     * @param reason why it is filed here (the first line is kept)
     */
    record Entry(String name, byte[] content, String reason) {
    }

    private final Path folder;
    private final Clock clock;

    /**
     * @param folder the success folder
     * @param clock the clock of the day's file and of the separator lines
     */
    SpoolArchive(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    /**
     * Appends the entries to today's mbox and syncs it.
     *
     * @param entries the delivered messages of one batch
     * @return the file appended to
     * @throws IOException when the file cannot be written or synced
     */
    Path append(List<Entry> entries) throws IOException {
        Path file = folder.resolve(DAY.format(clock.instant()) + ".mbox");
        ByteArrayOutputStream out = new ByteArrayOutputStream(entries.size() * 5000);
        String from = "From MAILER-DAEMON " + ASCTIME.format(clock.instant()) + "\n";
        for (Entry e : entries) {
            out.writeBytes(from.getBytes(StandardCharsets.US_ASCII));
            String line = e.reason().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", " ");
            out.writeBytes(("X-Mailwright-Filed: " + e.name() + "; " + line + "\r\n").getBytes(StandardCharsets.UTF_8));
            escaped(e.content(), out);
            out.write('\n');
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        }
        return file;
    }

    /** Writes the message with mboxrd quoting of {@code From } lines, ending with a line end. */
    static void escaped(byte[] content, ByteArrayOutputStream out) {
        int lineStart = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                if (isFromLine(content, lineStart, i)) {
                    out.write('>');
                }
                out.write(content, lineStart, Math.min(i + 1, content.length) - lineStart);
                lineStart = i + 1;
            }
        }
        if (content.length > 0 && content[content.length - 1] != '\n') {
            out.write('\n');
        }
    }

    private static boolean isFromLine(byte[] b, int start, int end) {
        int i = start;
        while (i < end && b[i] == '>') {
            i++;
        }
        return end - i >= 5 && b[i] == 'F' && b[i + 1] == 'r' && b[i + 2] == 'o' && b[i + 3] == 'm' && b[i + 4] == ' ';
    }
}
