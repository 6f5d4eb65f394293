package dev.mailwright.dns;

import java.util.Locale;
import java.util.Objects;

/**
 * One record an administrator should create, printable as a zone-file line.
 *
 * @param name the owner name, absolute, without trailing dot ({@code reply.ghe.example.com})
 * @param ttl the time to live in seconds
 * @param type the record type ({@code A}, {@code MX}, {@code TXT})
 * @param data the record data in zone-file syntax ({@code 10 reply.ghe.example.com.}, or a
 *     quoted TXT string)
 * @param comment why the record is needed; printed after {@code ;}
 */
public record ZoneRecord(String name, long ttl, String type, String data, String comment) {
    /** Default TTL of the suggested records. */
    public static final long DEFAULT_TTL = 3600;

    /** Validates. */
    public ZoneRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        comment = comment == null ? "" : comment;
        if (name.isBlank() || data.isBlank()) {
            throw new IllegalArgumentException("zone record needs a name and data, got '" + name + "' '" + data + "'");
        }
        if (ttl < 0 || ttl > 2_147_483_647L) {
            throw new IllegalArgumentException("TTL " + ttl + " is out of range 0..2147483647");
        }
        type = type.toUpperCase(Locale.ROOT);
    }

    /** @return the line to paste into a zone file, such as {@code reply.ghe.example.com. 3600 IN A 192.0.2.10} */
    public String zoneLine() {
        String line = name + ". " + ttl + " IN " + type + " " + data;
        return comment.isEmpty() ? line : line + " ; " + comment;
    }
}
