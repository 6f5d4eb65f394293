package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * {@code STARTTLS} (RFC 3207) whose failed handshake ends the connection with one log line.
 * SubEthaSMTP 7.2.0's command logged a warning (with a stack trace for anything but a handshake
 * error) and then went on reading commands from the half-upgraded connection. Whatever the client
 * pipelined after {@code STARTTLS} in clear text is discarded (the session reads afresh from the
 * TLS stream, through a {@link TlsSocket}). Registered by the listener in place of SubEthaSMTP's
 * command.
 */
public final class StartTlsCommand extends BaseCommand {
    private static final Logger LOG = LoggerFactory.getLogger(StartTlsCommand.class);

    /** Creates the command. */
    public StartTlsCommand() {
        super("STARTTLS", "The following communication will be encrypted.");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!commandString.strip().toUpperCase(Locale.ROOT).equals("STARTTLS")) {
            session.sendResponse("501 5.5.4 Syntax: STARTTLS (no parameters)");
            return;
        }
        if (!session.getServer().getEnableTLS()) {
            session.sendResponse("454 4.7.0 TLS not available");
            return;
        }
        if (session.isTLSStarted() || !(session.getSocket() instanceof GuardedSocket plain)) {
            session.sendResponse("503 5.5.1 Error: TLS already active");
            return;
        }
        session.sendResponse("220 2.0.0 Ready to start TLS");
        SSLSocket tls;
        try {
            plain.startTls();
            tls = session.getServer().createSSLSocket(plain);
            tls.startHandshake();
        } catch (IOException e) {
            LOG.info("{}: STARTTLS from {} failed: {}", session.getSessionId(),
                    session.getRealRemoteAddress().getAddress().getHostAddress(), LogText.clean(e.toString()));
            throw new DropConnectionException(421, "4.7.0 Error: TLS handshake failed; closing the connection");
        }
        session.setSocket(new TlsSocket(tls, plain.guard()));
        session.resetSmtpProtocol();
        session.setTlsStarted(true);
        LOG.info("{}: STARTTLS from {}: {} {}", session.getSessionId(),
                session.getRealRemoteAddress().getAddress().getHostAddress(), tls.getSession().getProtocol(),
                tls.getSession().getCipherSuite());
    }
}
