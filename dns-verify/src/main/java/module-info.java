/** Mailwright DNS verification: DNS records, SMTP ports and the records to create. */
module dev.mailwright.dns {
    requires transitive dev.mailwright.core;
    requires org.dnsjava;
    requires org.slf4j;

    exports dev.mailwright.dns;

    provides dev.mailwright.core.spi.DiagnosticsContributor with dev.mailwright.dns.internal.DnsDiagnosticsContributor;
}
