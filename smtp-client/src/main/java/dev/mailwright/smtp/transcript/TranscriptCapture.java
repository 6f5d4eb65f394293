package dev.mailwright.smtp.transcript;

import dev.mailwright.core.BuilderState;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.core.smtp.TranscriptOptions;
import dev.mailwright.smtp.internal.transcript.CaptureRegistry;
import dev.mailwright.smtp.internal.transcript.CapturedConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * Records SMTP conversations made by Angus Mail, installed purely through session properties:
 * put {@link #sessionProperties()} into the {@code Properties} of the {@code Session} (or pass
 * them to a transport that accepts extra session properties). Every connection made through that
 * session is recorded: the connection opened (host, port, address), each line in both directions
 * with its time, TLS started (protocol, cipher, the server certificate's subject and validity),
 * errors and the close. After STARTTLS the plain text is recorded at the TLS layer, which stays
 * an {@link javax.net.ssl.SSLSocket}, so Angus Mail's server-identity check still applies.
 *
 * <p>Credentials are redacted and the body is left out at capture time, as the
 * {@link TranscriptOptions} say: a secret never reaches the transcript. Thread-safe; use one
 * capture per send or per test, or read {@link #transcripts()} per connection.
 *
 * <pre>{@code
 * TranscriptCapture capture = TranscriptCapture.create();
 * Properties props = new Properties();
 * props.putAll(capture.sessionProperties());
 * ... Transport.send(message) ...
 * System.out.println(capture.transcript().toText());
 * }</pre>
 */
public final class TranscriptCapture {
    private final CaptureRegistry registry;

    private TranscriptCapture(Builder b) {
        this.registry = new CaptureRegistry(b.clock, b.options, b.sslSocketFactory);
    }

    /** @return a capture with the defaults: system clock, default options, the JDK's default TLS trust */
    public static TranscriptCapture create() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return socket-factory instances under {@code mail.smtp.socketFactory},
     *     {@code mail.smtp.ssl.socketFactory}, {@code mail.smtps.socketFactory} and
     *     {@code mail.smtps.ssl.socketFactory}; add them to the session's properties
     */
    public Map<String, Object> sessionProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        for (String protocol : List.of("smtp", "smtps")) {
            p.put("mail." + protocol + ".socketFactory", registry.plainFactory());
            p.put("mail." + protocol + ".ssl.socketFactory", registry.tlsFactory());
        }
        return p;
    }

    /** @return one transcript per connection, in the order the connections were opened */
    public List<Transcript> transcripts() {
        List<Transcript> out = new ArrayList<>();
        for (CapturedConnection c : registry.connections()) {
            out.add(c.transcript());
        }
        return out;
    }

    /** @return every connection's events, one connection after the other */
    public Transcript transcript() {
        List<TranscriptEvent> all = new ArrayList<>();
        transcripts().forEach(t -> all.addAll(t.events()));
        return new Transcript(all);
    }

    /** Builds a {@link TranscriptCapture}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private TranscriptOptions options = TranscriptOptions.defaults();
        private SSLSocketFactory sslSocketFactory = (SSLSocketFactory) SSLSocketFactory.getDefault();

        private final BuilderState state = new BuilderState("TranscriptCapture.Builder");

        private Builder() {
        }

        /** @param clock the time of each event (inject a fixed clock for reproducible output) @return this */
        public Builder clock(Clock clock) {
            this.clock = state.set("clock", clock);
            return this;
        }

        /** @param options what to keep @return this */
        public Builder options(TranscriptOptions options) {
            this.options = state.set("options", options);
            return this;
        }

        /**
         * @param factory makes the real TLS sockets; its trust managers decide which servers are
         *     trusted (the JDK default unless set)
         * @return this
         */
        public Builder sslSocketFactory(SSLSocketFactory factory) {
            this.sslSocketFactory = state.set("sslSocketFactory", factory);
            return this;
        }

        /** @return the capture */
        public TranscriptCapture build() {
            return new TranscriptCapture(this);
        }
    }
}
