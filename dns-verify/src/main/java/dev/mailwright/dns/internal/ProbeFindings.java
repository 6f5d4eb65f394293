package dev.mailwright.dns.internal;

import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.dns.ProbeResult.Answered;
import dev.mailwright.dns.ProbeResult.Failed;
import dev.mailwright.dns.ProbeResult.NotStarted;
import dev.mailwright.dns.ProbeResult.Unreachable;
import dev.mailwright.dns.ProbeResult.Verified;
import dev.mailwright.dns.ProbeResult;
import dev.mailwright.dns.TlsMode;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link ProbeResult} into findings with remedies (the seed's "firewall or security group"). */
public final class ProbeFindings {
    private ProbeFindings() {
    }

    /**
     * @param result a probe result
     * @param tlsRequired true when clients require TLS (submission ports): TLS problems are failures;
     *     false for the inbound port 25, where senders fall back to plain text and they are warnings
     * @return its findings, in order: reachability, greeting, STARTTLS, certificate
     */
    public static List<Finding> of(ProbeResult result, boolean tlsRequired) {
        String where = result.host() + ":" + result.port();
        String prefix = "dns.port." + result.port();
        if (result instanceof Unreachable) {
            return List.of(unreachable((Unreachable) result, where, prefix));
        }
        Answered a = (Answered) result;
        List<Finding> out = new ArrayList<>();
        if (a.mode() == TlsMode.STARTTLS || a.tls() instanceof Verified) {
            if (a.greetingCode() != 220) {
                out.add(Findings.failure(prefix + ".greeting", where + " answered \"" + a.greeting() + "\"",
                        "a 220 greeting from an SMTP server",
                        "Make sure the SMTP service of the instance (not another program) listens on port " + a.port()
                                + ", and that it accepts connections (a 421 or 554 greeting refuses all mail).",
                        evidence(a.transcript())));
                return out;
            }
            out.add(Findings.pass(prefix + ".open", where + " is reachable and greets with \"" + a.greeting() + "\"",
                    List.of()));
        }
        out.add(tlsFinding(a, where, prefix, tlsRequired));
        return out;
    }

    private static Finding unreachable(Unreachable u, String where, String prefix) {
        String what = switch (u.failure()) {
            case CONNECTION_REFUSED -> "the connection to " + where + " was refused";
            case CONNECT_TIMEOUT -> "the connection to " + where + " timed out (the packets are dropped)";
            case BANNER_TIMEOUT -> where + " accepted the connection but sent no greeting within the timeout";
            case UNKNOWN_HOST -> "the host " + u.host() + " does not resolve";
            default -> "the connection to " + where + " failed: " + u.detail();
        };
        String remedy = "Check the firewall or security group: if the instance is behind a firewall or served through"
                + " an AWS security group, make sure port " + u.port() + " is open to all mail servers that send email"
                + " to reply@" + u.expectedName() + ", and that the instance's SMTP service is running and listening on"
                + " port " + u.port() + ".";
        return Findings.failure(prefix + ".unreachable", what, "an SMTP server answering on " + where, remedy,
                evidence(u.transcript()));
    }

    private static Finding tlsFinding(Answered a, String where, String prefix, boolean tlsRequired) {
        Severity weak = tlsRequired || a.mode() == TlsMode.IMPLICIT ? Severity.FAILURE : Severity.WARNING;
        if (a.tls() instanceof Verified) {
            Verified v = (Verified) a.tls();
            return Findings.pass(prefix + ".tls", where + " started TLS (" + v.protocol() + ") with a trusted certificate"
                    + " valid for " + a.expectedName() + " (" + String.join(", ", v.certificateNames()) + ")", List.of());
        }
        if (a.tls() instanceof NotStarted) {
            return Findings.of(weak, prefix + ".starttls.missing", where + " does not offer STARTTLS",
                    "STARTTLS in the EHLO reply so that replies travel encrypted",
                    "Enable STARTTLS on the SMTP service of the instance with a certificate for " + a.expectedName() + ".",
                    evidence(a.transcript()));
        }
        Failed f = (Failed) a.tls();
        String names = f.certificateNames().isEmpty() ? "" : " (certificate for " + String.join(", ", f.certificateNames()) + ")";
        String expected = "a trusted certificate valid for " + a.expectedName();
        switch (f.problem()) {
            case NAME_MISMATCH:
                return Findings.of(weak, prefix + ".tls.name", where + " presented a certificate not valid for "
                        + a.expectedName() + names, expected, "Install a certificate whose subject alternative names include "
                        + a.expectedName() + " (or *." + parent(a.expectedName()) + ").", evidence(a.transcript()));
            case UNTRUSTED:
                return Findings.of(weak, prefix + ".tls.untrusted", where + " presented a certificate that is not trusted"
                        + names + ": " + f.detail(), expected, "Use a certificate issued by a public certificate authority,"
                        + " with its intermediate certificates, instead of a self-signed one.", evidence(a.transcript()));
            case EXPIRED:
                return Findings.of(weak, prefix + ".tls.expired", where + " presented an expired or not yet valid"
                        + " certificate" + names, expected, "Renew the certificate of the instance's SMTP service.",
                        evidence(a.transcript()));
            default:
                return Findings.failure(prefix + ".tls.handshake", "the TLS handshake with " + where + " failed: "
                        + f.detail(), "a TLS handshake with TLS 1.2 or 1.3", "Check the TLS configuration of the"
                        + " instance's SMTP service (protocols, ciphers, certificate and key).", evidence(a.transcript()));
        }
    }

    /** @return the transcript's lines, as a send's findings quote them */
    private static List<String> evidence(Transcript t) {
        return List.of(t.toText().split("\n"));
    }

    private static String parent(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
