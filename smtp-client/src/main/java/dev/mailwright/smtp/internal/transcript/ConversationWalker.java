package dev.mailwright.smtp.internal.transcript;

import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.FailureClassifier;
import dev.mailwright.core.smtp.SmtpFailure;
import dev.mailwright.core.smtp.SmtpReply;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptEvent.Direction;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.smtp.transcript.Diagnosis;
import dev.mailwright.smtp.transcript.TranscriptAnalyzer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Walks a transcript once: pairs each server reply with the command it answers (in order, so that
 * a pipelined group of {@code MAIL}, {@code RCPT} and {@code DATA} is paired right), emits the
 * findings of the conversation in order, and has core's {@link FailureClassifier} classify the
 * first failure (a refusing reply, a socket error, an early close, or what the expectations say
 * should have happened) from what the conversation showed.
 */
public final class ConversationWalker {
    private boolean tlsRequired;
    private boolean authWanted;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> replyLines = new ArrayList<>();
    private final List<TranscriptEvent.Error> errors = new ArrayList<>();
    /** The client's last command, or the state of the conversation (BANNER, DATA-CONTENT). */
    private String command = "BANNER";
    /** Commands sent and not answered yet, oldest first (RFC 2920 pipelining). */
    private final Deque<String> unanswered = new ArrayDeque<>();
    private String lastEhlo = "";
    private boolean tls;
    private boolean authSent;
    private boolean startTlsSent;
    private boolean accepted;
    private boolean quitAnswered;
    private boolean closedByServer;
    private boolean probeAnsweredTls;
    private int serverLines;
    private int lastCode;
    private FailureClass failure;

    /**
     * @param tlsRequired the client required TLS
     * @param authWanted the client wanted to authenticate
     */
    public ConversationWalker(boolean tlsRequired, boolean authWanted) {
        this.tlsRequired = tlsRequired;
        this.authWanted = authWanted;
    }

    /** @return the diagnosis of the transcript */
    public Diagnosis walk(Transcript transcript) {
        for (TranscriptEvent e : transcript.events()) {
            if (e instanceof TranscriptEvent.Note n && n.text().startsWith(TranscriptAnalyzer.CLIENT_SETTINGS)) {
                TranscriptAnalyzer.Expectations x = TranscriptAnalyzer.Expectations.fromNote(n.text());
                tlsRequired |= x.tlsRequired();
                authWanted |= x.authWanted();
            }
        }
        for (TranscriptEvent e : transcript.events()) {
            event(e);
        }
        if (failure == null) {
            concludeWithoutReply();
        }
        return new Diagnosis(findings, Optional.ofNullable(failure));
    }

    private void event(TranscriptEvent e) {
        if (e instanceof TranscriptEvent.Connected c) {
            command = "BANNER";
            unanswered.clear();
            findings.add(Finding.info("smtp.connection.opened", "connection opened to " + c.host() + ":" + c.port()
                    + (c.address().isEmpty() ? "" : " (" + c.address() + ")"), Transcript.lineOf(e)));
        } else if (e instanceof TranscriptEvent.TlsStarted s) {
            tls = true;
            String details = s.protocol().isEmpty() ? "" : " (" + s.protocol() + ", " + s.cipherSuite() + ", certificate "
                    + s.peerSubject() + (s.notAfter() == null ? "" : " valid until " + s.notAfter()) + ")";
            findings.add(Finding.pass("smtp.tls.started", "TLS was established" + details, "TLS connection started"));
        } else if (e instanceof TranscriptEvent.Line l && l.direction() == Direction.CLIENT) {
            clientLine(l);
        } else if (e instanceof TranscriptEvent.Line l) {
            serverLine(l.text());
        } else if (e instanceof TranscriptEvent.Error err) {
            errors.add(err);
        } else if (e instanceof TranscriptEvent.Closed c && c.byServer()) {
            closedByServer = true;
        } else if (e instanceof TranscriptEvent.Note n && n.text().startsWith(TranscriptAnalyzer.TLS_PROBE_ANSWERED)) {
            probeAnsweredTls = true;
        }
    }

    private void clientLine(TranscriptEvent.Line l) {
        if (!replyLines.isEmpty() || command.equals("DATA-CONTENT") && !l.text().equals(".")) {
            return;
        }
        String text = l.text().strip();
        String verb = text.isEmpty() ? "" : text.split("\\s+")[0].toUpperCase(Locale.ROOT);
        if (command.equals("AUTH") && (l.redacted() || lastCode == 334)) {
            return;
        }
        if (verb.equals("AUTH")) {
            authSent = true;
            String[] parts = text.split("\\s+");
            String mechanism = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "?";
            findings.add(Finding.info("smtp.auth.mechanism", "the `" + mechanism + "` authentication type was used",
                    Transcript.lineOf(l)));
            if (!tls) {
                findings.add(Finding.warning("smtp.auth.unencrypted", "credentials were sent over an unencrypted connection",
                        "Select starttls-required or implicit-tls so that the password never travels in clear text.",
                        Transcript.lineOf(l)));
            }
        }
        startTlsSent |= verb.equals("STARTTLS");
        command = text.equals(".") ? "." : verb.isEmpty() ? command : verb;
        if (!text.isEmpty()) {
            unanswered.add(command);
        }
    }

    private void serverLine(String text) {
        serverLines++;
        replyLines.add(text);
        boolean last = text.length() == 3 || text.length() > 3 && text.charAt(3) != '-';
        if (last) {
            // the oldest unanswered command; none for the banner and AUTH's continuation replies
            String answered = unanswered.isEmpty() ? command : unanswered.poll();
            reply(new Reply(List.copyOf(replyLines), answered));
            replyLines.clear();
        }
    }

    private void reply(Reply r) {
        String answered = r.command();
        lastCode = r.code();
        if (answered.equals("EHLO") && r.code() == 250) {
            lastEhlo = String.join("\n", r.lines()).toUpperCase(Locale.ROOT);
        }
        if (answered.equals("AUTH") && r.code() == 235) {
            findings.add(Finding.pass("smtp.auth.accepted", "the server accepted the credentials", r.evidence().get(0)));
        }
        if (answered.equals(".") && r.code() / 100 == 2) {
            accepted = true;
            findings.add(Finding.pass("smtp.message.accepted", "the server accepted the message", r.evidence().get(0)));
        }
        if (answered.equals("DATA") && r.code() == 354) {
            command = "DATA-CONTENT";
        }
        if (answered.equals("QUIT")) {
            quitAnswered = true;
        }
        if (failure == null && r.code() >= 400 && !answered.equals("EHLO") && !answered.equals("QUIT")) {
            SmtpReply reply = r.reply();
            FailureClassifier.classify(SmtpFailure.ofReply(answered, reply, conversation()))
                    .ifPresent(c -> fail(c, r.summary(), r.evidence()));
        }
    }

    /** @return what the conversation has shown so far, for the classifier */
    private SmtpFailure.Conversation conversation() {
        return new SmtpFailure.Conversation(tlsRequired, authWanted, serverLines > 0, tls, startTlsSent, authSent, lastEhlo,
                probeAnsweredTls, closedByServer && !accepted && !quitAnswered);
    }

    private void concludeWithoutReply() {
        SmtpFailure.Conversation now = conversation();
        Optional<FailureClass> c = FailureClassifier.classify(new SmtpFailure("", null, errors, now));
        if (c.isEmpty()) {
            return;
        }
        // the same classification without the conversation's own conclusions tells what the errors alone showed
        SmtpFailure.Conversation errorsOnly = new SmtpFailure.Conversation(false, false, now.serverSpoke(), tls, startTlsSent,
                authSent, lastEhlo, probeAnsweredTls, false);
        FailureClass fromErrors = FailureClassifier.classify(new SmtpFailure("", null, errors, errorsOnly))
                .filter(f -> f != FailureClass.UNKNOWN).orElse(null);
        List<String> evidence = errors.stream().map(Transcript::lineOf).toList();
        if (c.get() == FailureClass.STARTTLS_NOT_OFFERED && tlsRequired && !tls && serverLines > 0) {
            fail(c.get(), "", List.of("EHLO reply without STARTTLS"));
        } else if (fromErrors != null) {
            fail(c.get(), "", evidence.isEmpty() ? List.of() : List.of(evidence.get(0)));
        } else if (c.get() == FailureClass.SERVER_CLOSED_EARLY) {
            fail(c.get(), "", List.of("Connection closed by the server"));
        } else {
            fail(c.get(), "", evidence);
        }
    }

    private void fail(FailureClass c, String summary, List<String> evidence) {
        failure = c;
        String message = c.description() + (summary.isEmpty() ? "" : " (" + summary + ")");
        findings.add(new Finding(Severity.FAILURE, c.code(), message, c.remedy(), evidence));
    }
}
