package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One record of a spool segment, and the record format: magic, name length, content length,
 * CRC-32C of name and content, the maildir name, the content. A record that is torn, damaged or
 * names a path does not read back.
 *
 * @param name the maildir file name
 * @param content the content (prefix and message)
 * @param length the whole record's length in the segment
 */
record SpoolRecord(String name, ByteBuffer content, int length) {
    static final int MAGIC = 0x4D575331; // "MWS1"
    static final int HEADER = 4 + 2 + 4 + 4;

    /**
     * Writes the header of a record whose name starts at {@link #HEADER} and whose content ends at {@code len}.
     *
     * @param buf the record, with {@link #HEADER} bytes left free at its start
     * @param nameLength the name's length in bytes
     * @param len the record's length
     */
    static void writeHeader(byte[] buf, int nameLength, int len) {
        ByteBuffer header = ByteBuffer.wrap(buf, 0, HEADER);
        header.putInt(MAGIC).putShort((short) nameLength).putInt(len - HEADER - nameLength);
        CRC32C crc = new CRC32C();
        crc.update(buf, HEADER, len - HEADER);
        header.putInt((int) crc.getValue());
    }

    /** @return the record at {@code at}, or null when there is none that is whole and intact before {@code limit} */
    static SpoolRecord read(FileChannel ch, long at, long limit) throws IOException {
        if (limit - at < HEADER) {
            return null;
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        readFully(ch, h, at);
        h.flip();
        int magic = h.getInt();
        int nameLen = Short.toUnsignedInt(h.getShort());
        int bodyLen = h.getInt();
        int crc = h.getInt();
        if (magic != MAGIC || nameLen == 0 || bodyLen < 0 || (long) HEADER + nameLen + bodyLen > limit - at) {
            return null;
        }
        ByteBuffer rest = ByteBuffer.allocate(nameLen + bodyLen);
        readFully(ch, rest, at + HEADER);
        CRC32C check = new CRC32C();
        check.update(rest.array(), 0, rest.capacity());
        if ((int) check.getValue() != crc) {
            return null;
        }
        String name = new String(rest.array(), 0, nameLen, StandardCharsets.US_ASCII);
        if (name.contains("/") || name.startsWith(".")) {
            return null;
        }
        return new SpoolRecord(name, ByteBuffer.wrap(rest.array(), nameLen, bodyLen).slice(), HEADER + nameLen + bodyLen);
    }

    /** @return whether the bytes from {@code from} to {@code to} are all zero (never written) */
    static boolean zeros(FileChannel ch, long from, long to) throws IOException {
        if (to <= from) {
            return true;
        }
        ByteBuffer b = ByteBuffer.allocate((int) (to - from));
        readFully(ch, b, from);
        for (int i = 0; i < b.position(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, at + b.position());
            if (n < 0) {
                break;
            }
        }
    }
}
