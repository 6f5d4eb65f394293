/**
 * Mailwright inbound: the incoming-mail pipeline (maildir source, stages, delivery ledger,
 * dispositions), the embedded SMTP listener with TLS enforcement, and reply-text extraction.
 */
module dev.mailwright.inbound {
    requires transitive dev.mailwright.core;
    requires transitive jakarta.mail;
    requires org.eclipse.angus.mail;
    requires org.slf4j;
    requires subethasmtp;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.jsoup;

    exports dev.mailwright.inbound;
    exports dev.mailwright.inbound.bounce;
    exports dev.mailwright.inbound.reply;
    exports dev.mailwright.inbound.spi;

    provides dev.mailwright.core.spi.DiagnosticsContributor with dev.mailwright.inbound.internal.InboundDiagnostics;
}
