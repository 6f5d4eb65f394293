package dev.mailwright.dns.internal;

import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.FailureClassifier;
import dev.mailwright.core.smtp.SmtpFailure;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.dns.ProbeResult.Tls;
import dev.mailwright.dns.ProbeResult.TlsProblem;
import dev.mailwright.dns.ProbeResult;
import dev.mailwright.dns.TlsMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The implementation of {@link dev.mailwright.dns.PortProbe}: one SMTP conversation up to QUIT. */
public final class SmtpProber {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpProber.class);

    private final int timeoutMillis;
    private final X509ExtendedTrustManager trustManager;
    private final String heloName;

    /**
     * @param timeout bound of each network step
     * @param trustManager decides whether a certificate is trusted
     * @param heloName the EHLO name
     */
    public SmtpProber(Duration timeout, X509ExtendedTrustManager trustManager, String heloName) {
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        this.trustManager = trustManager;
        this.heloName = heloName;
    }

    /**
     * @param host host to connect to
     * @param port port
     * @param expectedName the name the certificate must be valid for (normalized)
     * @param mode how TLS starts
     * @return the result; never throws for network problems
     */
    public ProbeResult probe(String host, int port, String expectedName, TlsMode mode) {
        ProbeTranscript transcript = new ProbeTranscript(Clock.systemUTC());
        Socket socket = new Socket();
        try (socket) {
            InetSocketAddress address;
            try {
                address = new InetSocketAddress(host, port);
                socket.connect(address, timeoutMillis);
            } catch (IOException e) {
                return unreachable(host, port, expectedName, "connect", e, transcript);
            }
            transcript.connected(host, port, address.getAddress() == null ? "" : address.getAddress().getHostAddress());
            socket.setSoTimeout(timeoutMillis);
            ProbeResult result = converse(new SmtpConversation(socket, transcript), host, port, expectedName, mode);
            transcript.closed();
            return withTranscript(result, transcript);
        } catch (IOException e) {
            return unreachable(host, port, expectedName, "read", e, transcript);
        }
    }

    private static ProbeResult withTranscript(ProbeResult r, ProbeTranscript t) {
        ProbeResult.Answered a = (ProbeResult.Answered) r;
        return new ProbeResult.Answered(a.host(), a.port(), a.expectedName(), a.mode(), a.greeting(), a.greetingCode(),
                a.startTlsOffered(), a.tls(), t.transcript());
    }

    private ProbeResult converse(SmtpConversation c, String host, int port, String expectedName, TlsMode mode)
            throws IOException {
        if (mode == TlsMode.IMPLICIT) {
            Tls tls = startTls(c, expectedName, port);
            if (!(tls instanceof ProbeResult.Verified)) {
                return new ProbeResult.Answered(host, port, expectedName, mode, "", 0, false, tls, c.transcript().transcript());
            }
            List<String> greeting = c.readReply();
            quietly(c, () -> ehlo(c));
            quit(c);
            return answered(host, port, expectedName, mode, greeting, false, tls, c);
        }
        List<String> greeting = c.readReply();
        if (SmtpConversation.code(greeting) != 220) {
            quit(c);
            return answered(host, port, expectedName, mode, greeting, false,
                    new ProbeResult.NotStarted("the greeting was not 220"), c);
        }
        List<String> ehlo = ehlo(c);
        boolean offered = SmtpConversation.code(ehlo) == 250 && ehlo.stream().skip(1)
                .anyMatch(l -> l.length() > 4 && l.substring(4).strip().toUpperCase(Locale.ROOT).startsWith("STARTTLS"));
        if (!offered) {
            quit(c);
            return answered(host, port, expectedName, mode, greeting, false,
                    new ProbeResult.NotStarted("the server does not offer STARTTLS in its EHLO reply"), c);
        }
        c.send("STARTTLS");
        List<String> ready = c.readReply();
        if (SmtpConversation.code(ready) != 220) {
            quit(c);
            return answered(host, port, expectedName, mode, greeting, true, new ProbeResult.Failed(TlsProblem.HANDSHAKE,
                    "the server answered STARTTLS with " + ready.get(ready.size() - 1), List.of()), c);
        }
        Tls tls = startTls(c, expectedName, port);
        if (tls instanceof ProbeResult.Verified) {
            quietly(c, () -> ehlo(c));
            quit(c);
        }
        return answered(host, port, expectedName, mode, greeting, true, tls, c);
    }

    private List<String> ehlo(SmtpConversation c) throws IOException {
        c.send("EHLO " + heloName);
        return c.readReply();
    }

    private Tls startTls(SmtpConversation c, String expectedName, int port) throws IOException {
        RecordingTrustManager recorder = new RecordingTrustManager(trustManager);
        SSLSocket ssl;
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {recorder}, null);
            ssl = (SSLSocket) ctx.getSocketFactory().createSocket(c.socket(), expectedName, port, true);
        } catch (GeneralSecurityException e) {
            return new ProbeResult.Failed(TlsProblem.HANDSHAKE, "cannot set up TLS: " + e.getMessage(), List.of());
        }
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        params.setServerNames(List.of(new SNIHostName(expectedName)));
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(timeoutMillis);
        try {
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SSLException e) {
            TlsProblem problem = recorder.problem() == null ? TlsProblem.HANDSHAKE : recorder.problem();
            c.transcript().error("tls", e);
            return new ProbeResult.Failed(problem, e.getMessage(), recorder.names());
        }
        c.use(ssl);
        String protocol = ssl.getSession().getProtocol();
        c.transcript().tls(ssl.getSession());
        return new ProbeResult.Verified(protocol, ssl.getSession().getCipherSuite(), recorder.names());
    }

    private static void quit(SmtpConversation c) {
        quietly(c, () -> {
            c.send("QUIT");
            return c.readReply();
        });
    }

    private interface Step {
        Object run() throws IOException;
    }

    private static void quietly(SmtpConversation c, Step step) {
        try {
            step.run();
        } catch (IOException e) {
            LOG.debug("probe step after the checks failed: {}", e.toString());
            c.transcript().error("read", e);
        }
    }

    private static ProbeResult answered(String host, int port, String expectedName, TlsMode mode, List<String> greeting,
            boolean offered, Tls tls, SmtpConversation c) {
        String last = greeting.get(greeting.size() - 1);
        return new ProbeResult.Answered(host, port, expectedName, mode, last, SmtpConversation.code(greeting), offered,
                tls, c.transcript().transcript());
    }

    /** Nothing usable answered: the error is recorded and classified as a send's would be. */
    private static ProbeResult unreachable(String host, int port, String expectedName, String stage, IOException e,
            ProbeTranscript transcript) {
        LOG.debug("probe of {}:{} failed: {}", host, port, e.toString());
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        TranscriptEvent.Error error = transcript.error(stage, e);
        boolean spoke = transcript.transcript().events().stream()
                .anyMatch(ev -> ev instanceof TranscriptEvent.Line l && l.direction() == TranscriptEvent.Direction.SERVER);
        SmtpFailure.Conversation conversation = spoke ? SmtpFailure.Conversation.UNKNOWN.withEhlo("", false)
                : SmtpFailure.Conversation.UNKNOWN;
        FailureClass failure = FailureClassifier.classify(new SmtpFailure("", null, List.of(error), conversation))
                .orElse(FailureClass.UNKNOWN);
        return new ProbeResult.Unreachable(host, port, expectedName, failure, detail, transcript.transcript());
    }
}
