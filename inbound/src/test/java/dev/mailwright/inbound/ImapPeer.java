package dev.mailwright.inbound;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.Secret;
import dev.mailwright.core.TrustedCertificates;
import dev.mailwright.core.testing.Dovecot;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/** A second IMAP client for the tests: appends messages and counts folders, as another mail client would. */
final class ImapPeer {
    private ImapPeer() {
    }

    static MailboxAccount account(Dovecot dovecot, String folder) {
        return MailboxAccount.builder(URI.create("imaps://" + dovecot.user().replace("@", "%40") + "@127.0.0.1:"
                        + dovecot.imapsPort() + "/" + folder))
                .password(Secret.of(dovecot.password())).trust(TrustedCertificates.fromPem(dovecot.certificate()))
                .timeout(Duration.ofSeconds(20)).build();
    }

    private static Store connect(Dovecot dovecot) throws MessagingException {
        Properties p = new Properties();
        p.setProperty("mail.imap.connectiontimeout", "10000");
        p.setProperty("mail.imap.timeout", "20000");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", dovecot.imapPort(), dovecot.user(), dovecot.password());
        return store;
    }

    /** Appends a message to a folder over IMAP (APPEND), which tells IDLE sessions at once. */
    static void append(Dovecot dovecot, String folder, String message) throws MessagingException {
        try (Store store = connect(dovecot)) {
            Folder f = store.getFolder(folder);
            MimeMessage m = new MimeMessage(null, new ByteArrayInputStream(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
            f.appendMessages(new Message[] {m});
        }
    }

    /** @return how many messages the folder holds (0 when it does not exist) */
    static int count(Dovecot dovecot, String folder) throws MessagingException {
        try (Store store = connect(dovecot)) {
            Folder f = store.getFolder(folder);
            return f.exists() ? f.getMessageCount() : 0;
        }
    }

    /** @return a plain-text account for a server on loopback without TLS (GreenMail) */
    static MailboxAccount plainAccount(int port, String user, ConnectionSecurity security) {
        return MailboxAccount.builder(URI.create("imap://" + user + "@127.0.0.1:" + port + "/INBOX"))
                .password(Secret.of("secret")).security(security).timeout(Duration.ofSeconds(10)).build();
    }
}
