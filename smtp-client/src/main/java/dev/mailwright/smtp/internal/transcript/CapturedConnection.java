package dev.mailwright.smtp.internal.transcript;

import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.core.smtp.TranscriptOptions;
import dev.mailwright.core.smtp.TranscriptRecorder;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording of one connection: splits the bytes of each direction into lines, feeds them to a
 * {@link TranscriptRecorder}, and keeps the events. Thread-safe.
 */
public final class CapturedConnection {
    private static final Logger LOG = LoggerFactory.getLogger(CapturedConnection.class);
    /** Lines longer than this are cut in the transcript (their bytes still count). */
    static final int MAX_LINE = 8192;

    private final Clock clock;
    private final List<TranscriptEvent> events = new ArrayList<>();
    private final TranscriptRecorder recorder;
    private final LineBuffer serverLine = new LineBuffer(MAX_LINE);
    private final LineBuffer clientLine = new LineBuffer(MAX_LINE);
    private volatile boolean tlsLayered;
    private boolean tlsRecorded;
    private boolean closed;
    private String remoteKey = "";

    CapturedConnection(Clock clock, TranscriptOptions options) {
        this.clock = clock;
        this.recorder = new TranscriptRecorder(options, this::add);
    }

    private void add(TranscriptEvent e) {
        events.add(e);
        if (LOG.isDebugEnabled()) {
            LOG.debug("SMTP {}", Transcript.lineOf(e));
        }
    }

    /** @return the events so far */
    public synchronized Transcript transcript() {
        return new Transcript(events);
    }

    synchronized void connected(String host, int port, String address, String key) {
        remoteKey = key;
        recorder.event(new TranscriptEvent.Connected(clock.instant(), host, port, address));
    }

    synchronized String remoteKey() {
        return remoteKey;
    }

    synchronized void error(String stage, Throwable e) {
        recorder.event(new TranscriptEvent.Error(clock.instant(), stage, e.getClass().getName(), e.getMessage()));
    }

    synchronized void connectFailed(String target, Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        recorder.event(new TranscriptEvent.Error(clock.instant(), "connect", e.getClass().getName(), "to " + target + ": " + message));
    }

    /** TLS was layered over the plain socket: from now on only the TLS layer records. */
    void tlsLayered() {
        tlsLayered = true;
    }

    boolean plainCaptureActive() {
        return !tlsLayered;
    }

    synchronized void tlsStarted(SSLSession session) {
        if (tlsRecorded) {
            return;
        }
        tlsRecorded = true;
        String subject = "";
        Instant from = null;
        Instant to = null;
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                subject = x.getSubjectX500Principal().getName();
                from = x.getNotBefore().toInstant();
                to = x.getNotAfter().toInstant();
            }
        } catch (SSLPeerUnverifiedException e) {
            subject = "";
        }
        recorder.event(new TranscriptEvent.TlsStarted(clock.instant(), session.getProtocol(), session.getCipherSuite(),
                subject, from, to));
    }

    synchronized void serverBytes(byte[] b, int off, int len) {
        serverLine.feed(b, off, len, line -> recorder.server(line, clock.instant()));
    }

    synchronized void clientBytes(byte[] b, int off, int len) {
        clientLine.feed(b, off, len, line -> recorder.client(line, clock.instant()));
    }

    synchronized void closed(boolean byServer) {
        if (closed) {
            return;
        }
        closed = true;
        if (serverLine.hasPartialLine()) {
            recorder.server(serverLine.take(), clock.instant());
        }
        recorder.event(new TranscriptEvent.Closed(clock.instant(), byServer));
    }
}
