package dev.mailwright.dns.internal;

import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.core.smtp.TranscriptOptions;
import dev.mailwright.core.smtp.TranscriptRecorder;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The events of one probe, recorded as a send records them (core's recorder, the same event types). */
final class ProbeTranscript {
    private final Clock clock;
    private final List<TranscriptEvent> events = new ArrayList<>();
    private final TranscriptRecorder recorder = new TranscriptRecorder(TranscriptOptions.defaults(), events::add);

    ProbeTranscript(Clock clock) {
        this.clock = clock;
    }

    void connected(String host, int port, String address) {
        recorder.event(new TranscriptEvent.Connected(clock.instant(), host, port, address));
    }

    void client(String line) {
        recorder.client(line, clock.instant());
    }

    void server(String line) {
        recorder.server(line, clock.instant());
    }

    void tls(SSLSession session) {
        X509Certificate cert = null;
        try {
            Certificate[] chain = session.getPeerCertificates();
            cert = chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            // no certificate to describe
        }
        recorder.event(new TranscriptEvent.TlsStarted(clock.instant(), session.getProtocol(), session.getCipherSuite(),
                cert == null ? "" : cert.getSubjectX500Principal().getName(),
                cert == null ? null : cert.getNotBefore().toInstant(), cert == null ? null : cert.getNotAfter().toInstant()));
    }

    /** @return the error event recorded */
    TranscriptEvent.Error error(String stage, Exception e) {
        TranscriptEvent.Error error = new TranscriptEvent.Error(clock.instant(), stage, e.getClass().getName(), e.getMessage());
        recorder.event(error);
        return error;
    }

    void closed() {
        recorder.event(new TranscriptEvent.Closed(clock.instant(), false));
    }

    Transcript transcript() {
        return new Transcript(events);
    }
}
