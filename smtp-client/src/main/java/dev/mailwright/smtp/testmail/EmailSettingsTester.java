package dev.mailwright.smtp.testmail;

import dev.mailwright.core.BuilderState;
import dev.mailwright.core.EmailAddresses;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Finding;
import dev.mailwright.core.ValidationProblem;
import dev.mailwright.core.ValidationResult;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.SmtpFailure;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.core.smtp.TranscriptOptions;
import dev.mailwright.smtp.internal.transcript.AngusSettingsMapping;
import dev.mailwright.smtp.internal.transcript.TlsProbe;
import dev.mailwright.smtp.transcript.Diagnosis;
import dev.mailwright.smtp.transcript.TranscriptAnalyzer;
import dev.mailwright.smtp.transcript.TranscriptCapture;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a test email with settings that are not saved yet, as the seed's "Send test email"
 * button does, and explains the outcome: delivered or not, the classified failure, the findings
 * and the redacted transcript. Invalid settings fail at once, with every validation problem, and
 * nothing is sent. Immutable and thread-safe.
 *
 * <pre>{@code
 * TestEmailResult r = EmailSettingsTester.builder().build().send(settings, "admin@example.com");
 * r.failure().ifPresent(f -> System.out.println(f.description() + ": " + f.remedy()));
 * }</pre>
 */
public final class EmailSettingsTester {
    private static final Logger LOG = LoggerFactory.getLogger(EmailSettingsTester.class);

    private final Clock clock;
    private final SSLSocketFactory sslSocketFactory;
    private final TranscriptOptions options;
    private final Map<String, Object> sessionProperties;
    private final boolean tlsProbe;
    private final TestEmailHistory history;

    private EmailSettingsTester(Builder b) {
        this.clock = b.clock;
        this.sslSocketFactory = b.sslSocketFactory;
        this.options = b.options;
        this.sessionProperties = Map.copyOf(b.sessionProperties);
        this.tlsProbe = b.tlsProbe;
        this.history = b.history;
    }

    /** @return a builder with the defaults: system clock, the JDK's TLS trust, default transcript options */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param settings the settings to test (need not be saved)
     * @param to where to send the test email
     * @return the outcome; never throws for a delivery problem
     * @throws IllegalArgumentException when {@code to} is not a valid address
     */
    public TestEmailResult send(EmailSettings settings, String to) {
        TestEmailResult result = test(settings, to);
        if (history != null) {
            history.record(result);
        }
        return result;
    }

    private TestEmailResult test(EmailSettings settings, String to) {
        Objects.requireNonNull(settings, "settings");
        EmailAddresses.require(to, "test email recipient");
        Instant start = clock.instant();
        ValidationResult validation = settings.validate();
        if (!validation.isValid()) {
            return invalid(to, start, validation);
        }
        TranscriptCapture capture = TranscriptCapture.builder().clock(clock).options(options).sslSocketFactory(sslSocketFactory).build();
        MessagingException failure = deliver(settings, to, capture, start);
        Transcript transcript = capture.transcript();
        if (failure != null) {
            transcript = withErrorChain(transcript, failure);
            transcript = probeIfSilent(settings, transcript);
        }
        // the transcript ends with what the settings meant to do, so that analysing it later agrees with this result
        transcript = transcript.with(TranscriptAnalyzer.Expectations.of(settings).toNote(clock.instant()));
        Diagnosis d = TranscriptAnalyzer.standard().analyze(transcript, TranscriptAnalyzer.Expectations.of(settings));
        Duration took = Duration.between(start, clock.instant());
        if (failure == null) {
            LOG.info("Test email to {} delivered through {}:{}", to, settings.smtpHost().orElse(null), settings.port());
            return new TestEmailResult.Delivered(to, start, took, d.findings(), transcript);
        }
        FailureClass c = d.failure().orElse(FailureClass.UNKNOWN);
        List<Finding> findings = new ArrayList<>(d.findings());
        if (d.failure().isEmpty()) {
            findings.add(Finding.failure(c.code(), c.description() + ": " + failure.getMessage(), c.remedy()));
        }
        LOG.info("Test email to {} through {}:{} failed: {}", to, settings.smtpHost().orElse(null), settings.port(), c);
        return new TestEmailResult.Failed(to, start, took, c, describe(failure), findings, transcript);
    }

    private TestEmailResult invalid(String to, Instant start, ValidationResult validation) {
        List<Finding> findings = new ArrayList<>();
        for (ValidationProblem p : validation.problems()) {
            findings.add(Finding.failure("settings." + p.code(), p.path() + ": " + p.message(),
                    FailureClass.SETTINGS_INVALID.remedy()));
        }
        return new TestEmailResult.Failed(to, start, Duration.between(start, clock.instant()), FailureClass.SETTINGS_INVALID,
                "", findings, Transcript.empty());
    }

    private MessagingException deliver(EmailSettings settings, String to, TranscriptCapture capture, Instant start) {
        Properties props = AngusSettingsMapping.properties(settings);
        props.putAll(capture.sessionProperties());
        props.putAll(sessionProperties);
        Session session = Session.getInstance(props);
        try (Transport transport = session.getTransport(AngusSettingsMapping.protocol(settings))) {
            MimeMessage message = SignedTestEmail.sign(session, message(session, settings, to, start), settings, clock);
            transport.connect(settings.smtpHost().orElseThrow(), settings.port(), settings.username().orElse(null),
                    AngusSettingsMapping.credential(settings));
            transport.sendMessage(message, message.getAllRecipients());
            return null;
        } catch (MessagingException e) {
            return e;
        }
    }

    private static MimeMessage message(Session session, EmailSettings settings, String to, Instant start)
            throws MessagingException {
        String domain = messageIdDomain(settings);
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // Angus would take the JVM's own host name, "localhost" in most containers
                setHeader("Message-ID", "<" + java.util.UUID.randomUUID() + ".test-email@" + domain + ">");
            }
        };
        m.setFrom(new InternetAddress(settings.noReplyAddress().orElseThrow()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject("Mailwright test email");
        m.setSentDate(Date.from(start));
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setText("This is a test email generated by Mailwright to check the email settings of "
                + settings.hostname().orElseThrow() + ".\r\nIf you received it, outgoing email works.\r\n", "UTF-8");
        return m;
    }

    /** @return the instance's host name, else the no-reply address's domain: the right-hand side of the Message-ID */
    static String messageIdDomain(EmailSettings settings) {
        return settings.hostname().orElseGet(() -> {
            String noReply = settings.noReplyAddress().orElseThrow();
            return noReply.substring(noReply.lastIndexOf('@') + 1);
        });
    }

    private Transcript withErrorChain(Transcript transcript, MessagingException failure) {
        Transcript t = transcript;
        for (TranscriptEvent.Error e : SmtpFailure.chain(failure, clock.instant())) {
            t = t.with(e);
        }
        return t;
    }

    private Transcript probeIfSilent(EmailSettings settings, Transcript transcript) {
        boolean serverSpoke = transcript.events().stream()
                .anyMatch(e -> e instanceof TranscriptEvent.Line l && l.direction() == TranscriptEvent.Direction.SERVER);
        boolean connected = transcript.events().stream().anyMatch(e -> e instanceof TranscriptEvent.Connected);
        if (!tlsProbe || serverSpoke || !connected || AngusSettingsMapping.protocol(settings).equals("smtps")) {
            return transcript;
        }
        Duration timeout = settings.readTimeout().compareTo(Duration.ofSeconds(5)) < 0 ? settings.readTimeout() : Duration.ofSeconds(5);
        Optional<String> answer = TlsProbe.probe(sslSocketFactory, settings.smtpHost().orElseThrow(), settings.port(), timeout);
        return answer.map(a -> transcript.with(new TranscriptEvent.Note(clock.instant(),
                TranscriptAnalyzer.TLS_PROBE_ANSWERED + " (" + a + ")"))).orElse(transcript);
    }

    private static String describe(MessagingException e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            out.append("; caused by ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return out.toString();
    }

    /** Builds an {@link EmailSettingsTester}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private SSLSocketFactory sslSocketFactory = (SSLSocketFactory) SSLSocketFactory.getDefault();
        private TranscriptOptions options = TranscriptOptions.defaults();
        private final Map<String, Object> sessionProperties = new LinkedHashMap<>();
        private boolean tlsProbe = true;
        private TestEmailHistory history;

        private final BuilderState state = new BuilderState("EmailSettingsTester.Builder");

        private Builder() {
        }

        /** @param clock for times in the transcript and the result @return this */
        public Builder clock(Clock clock) {
            this.clock = state.set("clock", clock);
            return this;
        }

        /** @param factory makes TLS sockets; its trust decides which certificates are accepted @return this */
        public Builder sslSocketFactory(SSLSocketFactory factory) {
            this.sslSocketFactory = state.set("sslSocketFactory", factory);
            return this;
        }

        /** @param options what the transcript keeps @return this */
        public Builder transcriptOptions(TranscriptOptions options) {
            this.options = state.set("transcriptOptions", options);
            return this;
        }

        /**
         * @param name an extra Angus Mail session property, such as {@code mail.smtps.ssl.protocols}
         * @param value its value
         * @return this
         */
        public Builder sessionProperty(String name, Object value) {
            sessionProperties.put(Objects.requireNonNull(name, "name"), state.set("sessionProperty " + name, value));
            return this;
        }

        /**
         * @param probe when a port sends no greeting, try a TLS handshake on it to tell an implicit
         *     TLS port from a silent server (on by default)
         * @return this
         */
        public Builder tlsProbe(boolean probe) {
            this.tlsProbe = state.set("tlsProbe", probe);
            return this;
        }

        /** @param history remembers every result, for the diagnostics report @return this */
        public Builder history(TestEmailHistory history) {
            this.history = state.set("history", history);
            return this;
        }

        /** @return the tester */
        public EmailSettingsTester build() {
            return new EmailSettingsTester(this);
        }
    }
}
