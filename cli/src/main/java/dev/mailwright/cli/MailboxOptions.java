package dev.mailwright.cli;

import dev.mailwright.core.Secret;
import dev.mailwright.core.TrustedCertificates;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.ImapSource;
import dev.mailwright.inbound.MailboxAccount;
import dev.mailwright.inbound.Pop3Source;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The mailbox options of {@code mailwright inbound run}: {@code --imap URI} or {@code --pop3 URI},
 * the password or OAuth2 token from the environment (never from the command line, where process
 * lists and shell histories would show it), and the certificates to trust.
 */
final class MailboxOptions {
    /** The environment variable holding the mailbox password. */
    static final String PASSWORD_VARIABLE = "MAILWRIGHT_MAILBOX_PASSWORD";
    /** The environment variable holding an OAuth2 access token (XOAUTH2), instead of a password. */
    static final String TOKEN_VARIABLE = "MAILWRIGHT_MAILBOX_TOKEN";

    @Option(names = "--imap", paramLabel = "URI",
            description = "Read an IMAP folder instead of a maildir, such as imaps://replies@mail.example.com/INBOX (password in"
                    + " MAILWRIGHT_MAILBOX_PASSWORD, or an OAuth2 token in MAILWRIGHT_MAILBOX_TOKEN).")
    URI imap;

    @Option(names = "--pop3", paramLabel = "URI",
            description = "Read a POP3 mailbox instead of a maildir, such as pop3s://replies@mail.example.com (credentials as"
                    + " for --imap).")
    URI pop3;

    @Option(names = "--leave-on-server", description = "With --pop3: keep filed messages on the server (remembered by UIDL).")
    boolean leaveOnServer;

    @Option(names = "--mailbox-trust-pem", paramLabel = "FILE",
            description = "Trust the certificates in this PEM file for the IMAP or POP3 server (a private CA), instead of the JVM's.")
    Path trustPem;

    /** @return true when a mailbox (not a maildir) is to be read */
    boolean given() {
        return imap != null || pop3 != null;
    }

    MailboxAccount account(Map<String, String> environment) {
        MailboxAccount.Builder b = MailboxAccount.builder(imap != null ? imap : pop3);
        String token = environment.get(TOKEN_VARIABLE);
        String password = environment.get(PASSWORD_VARIABLE);
        if (token != null && !token.isBlank()) {
            Secret t = Secret.of(token);
            b.oauth2(() -> t);
        } else if (password != null) {
            b.password(Secret.of(password));
        } else {
            throw new IllegalArgumentException("no credentials for " + (imap != null ? imap : pop3) + ": set " + PASSWORD_VARIABLE
                    + " (a password) or " + TOKEN_VARIABLE + " (an OAuth2 access token) in the environment");
        }
        if (trustPem != null) {
            b.trust(TrustedCertificates.fromPem(trustPem));
        }
        return b.build();
    }

    /**
     * @param state the state directory (the source's files go into {@code <state>/imap} or {@code pop3})
     * @param poll how often a server without IDLE, or a POP3 server, is asked for new mail
     * @return the source and how to name where it files a message
     */
    Opened open(Path state, Duration poll) {
        MailboxAccount account = account(System.getenv());
        if (imap != null) {
            ImapSource source = ImapSource.builder(account).stateDirectory(state.resolve("imap")).pollInterval(poll).open();
            return new Opened(source, source::connectionProblem, (m, d) -> account + " " + (d instanceof Disposition.RetryLater
                    ? account.folder() : d instanceof Disposition.Rejected ? "Mailwright/Failed" : "Mailwright/Processed") + " "
                    + m.id(), account.toString());
        }
        Pop3Source source = Pop3Source.builder(account).stateDirectory(state.resolve("pop3")).leaveOnServer(leaveOnServer).open();
        Path failed = state.resolve("pop3").resolve("failed").toAbsolutePath();
        return new Opened(source, source::connectionProblem, (m, d) -> d instanceof Disposition.Rejected ? failed + " " + m.id()
                : account + (d instanceof Disposition.RetryLater || leaveOnServer ? " (kept) " : " (deleted) ") + m.id(),
                account.toString());
    }

    /**
     * @param source the opened source
     * @param problem why it could not connect, when it could not
     * @param where where a message was filed, for its event
     * @param filedUnder the mailbox, for the summary
     */
    record Opened(dev.mailwright.inbound.spi.MailSource source, java.util.function.Supplier<Optional<String>> problem,
            java.util.function.BiFunction<dev.mailwright.inbound.spi.SourceMessage, Disposition, String> where, String filedUnder) {
    }
}
