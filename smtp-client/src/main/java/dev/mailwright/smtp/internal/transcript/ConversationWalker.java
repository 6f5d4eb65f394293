package dev.mailwright.smtp.internal.transcript;

import dev.mailwright.core.Finding;
import dev.mailwright.smtp.transcript.Diagnosis;
import dev.mailwright.smtp.transcript.FailureClass;
import dev.mailwright.smtp.transcript.Transcript;
import dev.mailwright.smtp.transcript.TranscriptAnalyzer;
import dev.mailwright.smtp.transcript.TranscriptEvent;
import dev.mailwright.smtp.transcript.TranscriptEvent.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Walks a transcript once: pairs each server reply with the command it answers (in order, so that
 * a pipelined group of {@code MAIL}, {@code RCPT} and {@code DATA} is paired right), emits the
 * findings of the conversation in order, and classifies the first failure (a refusing reply, a
 * socket error, an early close, or what the expectations say should have happened).
 */
public final class ConversationWalker {
    private final boolean tlsRequired;
    private final boolean authWanted;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> replyLines = new ArrayList<>();
    private final List<TranscriptEvent.Error> errors = new ArrayList<>();
    /** The client's last command, or the state of the conversation (BANNER, DATA-CONTENT). */
    private String command = "BANNER";
    /** Commands sent and not answered yet, oldest first (RFC 2920 pipelining). */
    private final java.util.Deque<String> unanswered = new java.util.ArrayDeque<>();
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
                    + (c.address().isEmpty() ? "" : " (" + c.address() + ")"), TranscriptText.line(e, false)));
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
                    TranscriptText.line(l, false)));
            if (!tls) {
                findings.add(Finding.warning("smtp.auth.unencrypted", "credentials were sent over an unencrypted connection",
                        "Select starttls-required or implicit-tls so that the password never travels in clear text.",
                        TranscriptText.line(l, false)));
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
            fail(ReplyClassifier.classify(r, lastEhlo, tls, authWanted), r.summary(), r.evidence());
        }
    }

    private void concludeWithoutReply() {
        Optional<FailureClass> fromErrors = ErrorClassifier.classify(errors,
                new ErrorClassifier.Context(serverLines > 0, probeAnsweredTls, startTlsSent));
        List<String> evidence = errors.stream().map(e -> TranscriptText.line(e, true)).toList();
        if (tlsRequired && !tls && serverLines > 0 && !lastEhlo.contains("STARTTLS")) {
            fail(FailureClass.STARTTLS_NOT_OFFERED, "", List.of("EHLO reply without STARTTLS"));
        } else if (fromErrors.isPresent()) {
            fail(fromErrors.get(), "", evidence.isEmpty() ? List.of() : List.of(evidence.get(0)));
        } else if (closedByServer && !accepted && !quitAnswered) {
            fail(FailureClass.SERVER_CLOSED_EARLY, "", List.of("Connection closed by the server"));
        } else if (!errors.isEmpty()) {
            fail(FailureClass.UNKNOWN, "", evidence);
        }
    }

    private void fail(FailureClass c, String summary, List<String> evidence) {
        FailureClass effective = c;
        if (authWanted && !authSent && (c == FailureClass.AUTH_REQUIRED || c == FailureClass.RELAY_DENIED)
                && !lastEhlo.isEmpty() && !lastEhlo.contains("AUTH")) {
            effective = FailureClass.AUTH_NOT_OFFERED;
        }
        failure = effective;
        String message = effective.description() + (summary.isEmpty() ? "" : " (" + summary + ")");
        findings.add(new Finding(dev.mailwright.core.Severity.FAILURE, effective.code(), message, effective.remedy(), evidence));
    }
}
