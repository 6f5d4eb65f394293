package dev.mailwright.inbound.internal;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.inbound.InboundException;
import dev.mailwright.inbound.MailboxAccount;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from a {@link MailboxAccount} to an Angus Mail store ({@code imap}, {@code imaps},
 * {@code pop3}, {@code pop3s}), by the rules of sending: finite timeouts, STARTTLS required unless
 * the account says otherwise, the server's identity always checked, the account's trusted
 * certificates as the only trust when given, XOAUTH2 as the only mechanism when a token is used.
 */
public final class MailboxSessions {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxSessions.class);

    private MailboxSessions() {
    }

    /**
     * @param account the account
     * @return {@code imap}, {@code imaps}, {@code pop3} or {@code pop3s}
     */
    public static String storeProtocol(MailboxAccount account) {
        return account.protocol().name().toLowerCase(Locale.ROOT)
                + (account.security() == ConnectionSecurity.IMPLICIT_TLS ? "s" : "");
    }

    /**
     * @param account the account
     * @param extra protocol-specific properties, without the {@code mail.<protocol>.} prefix
     * @return the session properties
     */
    public static Properties properties(MailboxAccount account, Properties extra) {
        String protocol = storeProtocol(account);
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty("mail.store.protocol", protocol);
        props.setProperty(p + "host", account.host());
        props.setProperty(p + "port", Integer.toString(account.port()));
        String millis = Long.toString(account.timeout().toMillis());
        props.setProperty(p + "connectiontimeout", millis);
        props.setProperty(p + "timeout", millis);
        props.setProperty(p + "writetimeout", millis);
        switch (account.security()) {
            case NONE -> props.setProperty(p + "starttls.enable", "false");
            case STARTTLS -> props.setProperty(p + "starttls.enable", "true");
            case STARTTLS_REQUIRED -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "true");
            }
            case IMPLICIT_TLS -> props.setProperty(p + "ssl.enable", "true");
        }
        props.setProperty(p + "ssl.checkserveridentity", "true");
        account.trust().ifPresent(t -> {
            props.put(p + "ssl.socketFactory", t.socketFactory());
            props.setProperty(p + "ssl.socketFactory.fallback", "false");
        });
        if (account.usesOAuth2()) {
            props.setProperty(p + "auth.mechanisms", "XOAUTH2");
        }
        extra.forEach((k, v) -> props.put(p + k, v));
        return props;
    }

    /**
     * Connects and logs in.
     *
     * @param account the account
     * @param extra protocol-specific properties, without the {@code mail.<protocol>.} prefix
     * @return the connected store
     * @throws InboundException naming the account (never the secret) and the server's answer
     */
    public static Store connect(MailboxAccount account, Properties extra) {
        if (account.security() == ConnectionSecurity.NONE) {
            LOG.warn("Reading {} without TLS: the login and the mail travel in the clear", account);
        }
        Session session = Session.getInstance(properties(account, extra));
        try {
            Store store = session.getStore(storeProtocol(account));
            store.connect(account.host(), account.port(), account.user(), account.credential().reveal());
            return store;
        } catch (MessagingException e) {
            throw new InboundException("Cannot connect to " + account + ": " + describe(e)
                    + ". Check the host, the port, TLS (" + account.security().name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + "), the certificate and the credentials.", e);
        }
    }

    /**
     * @param e a failure
     * @return its message and those of its causes, in one line
     */
    public static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 400; t = t.getCause()) {
            if (!out.isEmpty()) {
                out.append(": ");
            }
            out.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip());
        }
        return out.toString();
    }
}
