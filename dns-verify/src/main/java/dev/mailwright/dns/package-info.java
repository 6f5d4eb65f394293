/**
 * DNS and port checks for the email side of notifications: {@link dev.mailwright.dns.DnsVerifier}
 * checks {@code reply.<hostname>}, {@code noreply.<hostname>}, port 25, and the records of the
 * sending domain (SPF, DMARC, DKIM, MTA-STS, TLS-RPT, reverse DNS, DNSSEC), and returns a
 * {@link dev.mailwright.dns.DnsReport} of {@link dev.mailwright.core.Finding}s with the remedy and
 * the zone-file lines to create. {@link dev.mailwright.dns.PortProbe} checks one SMTP port.
 */
package dev.mailwright.dns;
