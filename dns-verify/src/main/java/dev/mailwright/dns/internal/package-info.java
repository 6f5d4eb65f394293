/**
 * The implementation of the DNS and port checks: the DNS client with timeouts that hold, one class
 * per group of checks, the SMTP prober, the record suggestions and the JSON writer. Not exported by
 * the module descriptor; a host application never needs these types.
 */
package dev.mailwright.dns.internal;
