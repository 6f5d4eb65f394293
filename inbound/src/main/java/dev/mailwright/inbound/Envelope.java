package dev.mailwright.inbound;

import dev.mailwright.core.EmailAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP envelope of an incoming message, as far as its source knows it: the listener and
 * {@link InboundPipeline#accept} know all of it; a maildir or mailbox knows what the delivering
 * server wrote above its first {@code Received} field ({@code Return-Path}, {@code Delivered-To},
 * {@code X-Original-To}, {@code Envelope-To}).
 *
 * @param sender the {@code MAIL FROM} address, lower case; {@value #NULL_SENDER} for the null
 *     sender (bounces and other automated mail); empty when unknown
 * @param recipients the {@code RCPT TO} addresses, lower case; empty when unknown
 * @param clientIp the connecting client's IP address (IPv4 or IPv6 literal); empty when unknown
 */
public record Envelope(String sender, List<String> recipients, String clientIp) {
    /** The null sender ({@code MAIL FROM:<>}) of bounces and other automated mail. */
    public static final String NULL_SENDER = "<>";

    /** Nothing known: the stages read the recipients from {@code To} and {@code Cc}. */
    public static final Envelope UNKNOWN = new Envelope("", List.of(), "");

    /**
     * Validates the fields: addresses must be valid, the IP address a literal.
     *
     * @throws IllegalArgumentException naming the value and what is expected
     */
    public Envelope {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(clientIp, "clientIp");
        sender = sender.strip().toLowerCase(Locale.ROOT);
        if (!sender.isEmpty() && !sender.equals(NULL_SENDER)) {
            Optional<String> problem = EmailAddresses.envelopeSenderProblem(sender);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("The envelope sender '" + EmailAddresses.printable(sender)
                        + "' is not a valid address: " + problem.get() + ". Use Envelope.NULL_SENDER for <>, \"\" when unknown.");
            }
        }
        List<String> out = new ArrayList<>();
        for (String r : recipients) {
            String a = Objects.requireNonNull(r, "recipient").strip();
            Optional<String> problem = EmailAddresses.envelopeSenderProblem(a);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("The envelope recipient '" + EmailAddresses.printable(a)
                        + "' is not a valid address: " + problem.get() + ". Expected a bare address such as"
                        + " reply+...@reply.example.com.");
            }
            out.add(a.toLowerCase(Locale.ROOT));
        }
        recipients = List.copyOf(out);
        clientIp = clientIp.strip();
        if (!clientIp.isEmpty() && (clientIp.length() > 45 || !clientIp.matches("[0-9A-Fa-f:.]+"))) {
            throw new IllegalArgumentException("The client IP address '" + EmailAddresses.printable(clientIp)
                    + "' is not an IPv4 or IPv6 literal such as 192.0.2.7 or 2001:db8::7; use \"\" when unknown.");
        }
    }

    /**
     * @param sender the {@code MAIL FROM} address, {@link #NULL_SENDER}, or "" when unknown
     * @param recipients the {@code RCPT TO} addresses
     * @return an envelope without client address
     */
    public static Envelope of(String sender, String... recipients) {
        return new Envelope(sender, List.of(recipients), "");
    }

    /**
     * @param ip the client's IP address literal
     * @return this envelope with the client's address
     */
    public Envelope withClientIp(String ip) {
        return new Envelope(sender, recipients, ip);
    }
}
