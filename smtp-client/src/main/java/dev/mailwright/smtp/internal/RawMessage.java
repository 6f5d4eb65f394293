package dev.mailwright.smtp.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message whose bytes are already composed. Angus's SMTP transport writes them as they are:
 * no MIME re-encoding (so no stream-provider lookups per part) and no new Message-ID, because
 * {@link #updateMessageID()} keeps the composed one and {@code saveChanges()} is never called.
 */
final class RawMessage extends SMTPMessage {
    private final byte[] content;

    RawMessage(Session session, byte[] content, String envelopeFrom) {
        super(session);
        this.content = content;
        setEnvelopeFrom(envelopeFrom);
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        os.write(content);
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        os.write(content);
    }

    @Override
    public int getSize() {
        return content.length;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        // keep the composed Message-ID
    }
}
