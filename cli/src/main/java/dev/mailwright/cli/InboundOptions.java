package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.inbound.BatchSummary;
import dev.mailwright.inbound.InboundPipeline;
import dev.mailwright.inbound.MaildirSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by {@code mailwright inbound run} and {@code listen}. */
final class InboundOptions {
    @Option(names = "--maildir", paramLabel = "DIR",
            description = "The maildir replies arrive in (holding tmp/, new/, cur/).")
    Path maildir;

    @Option(names = "--filed", paramLabel = "DIR",
            description = "Where success/, failure/, discarded/ and retry/ go (default: DIR/../incoming-mail).")
    Path filed;

    @Option(names = "--state", paramLabel = "DIR",
            description = "Where the delivery ledger (and a mailbox source's state) lives (default: DIR/.mailwright/ledger;"
                    + " required with --imap and --pop3).")
    Path state;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "A settings file (mailwright.hostname, mailwright.noreply-address, mailwright.discard-noreply-mail,"
                    + " mailwright.inbound.enforce-tls).")
    Path settings;

    @Option(names = "--hostname", paramLabel = "HOST", description = "The instance host name (overrides the settings file).")
    String hostname;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "The reply-address key file, to verify reply addresses (default: the environment variable"
                    + " MAILWRIGHT_REPLY_KEYS).")
    Path keyFile;

    @Option(names = "--discard-noreply", description = "Discard mail sent to the no-reply address (overrides the settings file).")
    Boolean discardNoReply;

    @Option(names = "--quiet", description = "Do not log each step on standard error.")
    boolean quiet;

    @Option(names = "--trusted-authserv-id", paramLabel = "ID",
            description = {"An authserv-id whose Authentication-Results the sender check may believe (repeatable),",
                "such as the MTA in front that verifies DKIM, SPF and DMARC; none by default (RFC 8601 section 5)."})
    java.util.List<String> trustedAuthServIds = new java.util.ArrayList<>();

    /** Sets up logging before any Mailwright class logs: one line per step, at debug, on stderr. */
    void configureLogging() {
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.log.dev.mailwright.inbound", quiet ? "warn" : "debug");
    }

    EmailSettings settings() {
        EmailSettings s = settings == null ? EmailSettings.builder().build() : SettingsLoader.fromFile(settings);
        EmailSettings.Builder b = s.toBuilder();
        if (hostname != null) {
            b.hostname(hostname);
        }
        if (discardNoReply != null) {
            b.discardNoReplyMail(discardNoReply);
        }
        EmailSettings result = b.build();
        if (result.hostname().isEmpty()) {
            throw new IllegalArgumentException("no host name: pass --hostname ghe.example.com or a --settings file"
                    + " with mailwright.hostname");
        }
        return result;
    }

    KeyRing keyRing() {
        return keyFile != null ? KeyRing.fromFile(keyFile) : KeyRing.fromEnvironment(System.getenv());
    }

    /** @return the summary of a run as data: the counts and where messages were filed */
    static Map<String, Object> summary(BatchSummary total, String filedUnder) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delivered", total.delivered());
        m.put("rejected", total.rejected());
        m.put("discarded", total.discarded());
        m.put("retried", total.retried());
        m.put("filedUnder", filedUnder);
        return m;
    }

    InboundPipeline.Builder pipeline(EmailSettings s, KeyRing keys) {
        Path ledger = maildir == null ? state.resolve("ledger") : state != null ? state : maildir.resolve(".mailwright").resolve("ledger");
        return InboundPipeline.builder().settings(s).keyRing(keys).ledgerDirectory(ledger)
                .trustedAuthServIds(trustedAuthServIds.toArray(new String[0]));
    }
}
