package dev.mailwright.inbound;

import java.util.Objects;

/**
 * Metadata of one attachment of a reply; the content stays in the original message.
 *
 * @param fileName the file name given by the sender, or empty
 * @param contentType the MIME type, such as {@code image/png}
 * @param size the size of the encoded part in bytes, or -1 when unknown
 */
public record AttachmentInfo(String fileName, String contentType, long size) {
    /** Validates the fields. */
    public AttachmentInfo {
        fileName = fileName == null ? "" : fileName;
        Objects.requireNonNull(contentType, "contentType");
        if (size < -1) {
            throw new IllegalArgumentException("size must be -1 or more, was " + size);
        }
    }
}
