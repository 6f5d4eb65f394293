package dev.mailwright.smtp.testmail;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.dkim.DkimSigner;
import dev.mailwright.smtp.DkimKeys;
import dev.mailwright.smtp.SmtpException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * DKIM-signs the test email with the settings' keys, as notifications are signed, so that the
 * receiving mailbox shows whether DKIM passes. The message is written out, signed, and read back:
 * a {@link MimeMessage} read from bytes is written as those bytes, so the signature holds.
 */
final class SignedTestEmail {
    private SignedTestEmail() {
    }

    /**
     * @return the message signed, or as it was when the settings name no DKIM key
     * @throws MessagingException when a DKIM key file cannot be used (the test email reports it)
     */
    static MimeMessage sign(Session session, MimeMessage message, EmailSettings settings, Clock clock)
            throws MessagingException {
        Optional<DkimSigner> signer;
        try {
            signer = DkimKeys.signer(settings, clock);
        } catch (SmtpException e) {
            throw new MessagingException(e.getMessage(), e);
        }
        if (signer.isEmpty()) {
            return message;
        }
        try {
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
            message.writeTo(out);
            return new MimeMessage(session, new ByteArrayInputStream(signer.get().sign(out.toByteArray())));
        } catch (IOException e) {
            throw new MessagingException("cannot write the test email to sign it", e);
        }
    }
}
