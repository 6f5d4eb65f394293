package dev.mailwright.inbound.internal;

import dev.mailwright.core.EmailAddresses;
import dev.mailwright.inbound.Envelope;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the envelope a receiving server records above the message: {@code Return-Path}
 * (the sender; {@code <>} for the null sender), {@code Delivered-To}, {@code X-Original-To} or {@code Envelope-To} (the
 * recipients), and the first {@code Received} field, whose {@code from} clause names the
 * client's address in brackets ({@code from helo (host [192.0.2.7])}, as Postfix and the listener
 * write it). Only fields above the first {@code Received} count: the same names further down were
 * written by the sender.
 */
public final class Envelopes {
    /** The header fields that name an envelope recipient. */
    public static final List<String> RECIPIENT_FIELDS = List.of("Delivered-To", "X-Original-To", "Envelope-To");
    private static final Pattern BRACKETED_IP = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\\]");
    private static final Pattern SOCKET_ADDRESS = Pattern.compile("\\(\\S*/([0-9.]{7,15}):\\d+\\)");

    private Envelopes() {
    }

    /**
     * @param raw the raw message (its header block is read; the message's size is bounded by the source)
     * @return the envelope recorded above it; {@link Envelope#UNKNOWN} parts where nothing is recorded
     */
    public static Envelope read(byte[] raw) {
        String sender = "";
        List<String> recipients = new ArrayList<>();
        String client = "";
        try {
            Enumeration<Header> all = new InternetHeaders(new ByteArrayInputStream(raw), true).getAllHeaders();
            boolean senderSeen = false;
            while (all.hasMoreElements()) {
                Header h = all.nextElement();
                if (h.getName().equalsIgnoreCase("Received")) {
                    client = clientIp(h.getValue());
                    break;
                }
                if (!senderSeen && h.getName().equalsIgnoreCase("Return-Path")) {
                    senderSeen = true;
                    sender = returnPath(h.getValue());
                } else if (RECIPIENT_FIELDS.stream().anyMatch(h.getName()::equalsIgnoreCase)) {
                    addresses(h.getValue(), recipients);
                }
            }
        } catch (MessagingException | RuntimeException e) {
            return Envelope.UNKNOWN;
        }
        return new Envelope(sender, recipients.stream().filter(a -> EmailAddresses.envelopeSenderProblem(a).isEmpty()).distinct().toList(), client);
    }

    /**
     * @param envelope the envelope to record
     * @param by the receiving host's name, for the {@code Received} field
     * @param id an id for the {@code Received} field
     * @param date the date, RFC 5322
     * @return the header lines ({@code Return-Path}, one {@code Delivered-To} per recipient,
     *     {@code Received}) that {@link #read} reads back
     */
    public static String prefix(Envelope envelope, String by, String id, String date) {
        StringBuilder out = new StringBuilder();
        if (!envelope.sender().isEmpty()) {
            out.append("Return-Path: ").append(envelope.sender().equals(Envelope.NULL_SENDER) ? "<>"
                    : "<" + envelope.sender() + ">").append("\r\n");
        }
        for (String r : envelope.recipients()) {
            out.append("Delivered-To: ").append(r).append("\r\n");
        }
        out.append("Received: from ").append(envelope.clientIp().isEmpty() ? "unknown" : "[" + envelope.clientIp() + "]")
                .append("\r\n\tby ").append(by).append(" (Mailwright) with HTTP id ").append(id)
                .append(envelope.recipients().isEmpty() ? "" : "\r\n\tfor <" + envelope.recipients().get(0) + ">")
                .append("; ").append(date).append("\r\n");
        return out.toString();
    }

    private static String returnPath(String value) {
        String v = value.strip();
        if (v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        if (v.isEmpty()) {
            return Envelope.NULL_SENDER;
        }
        return EmailAddresses.envelopeSenderProblem(v).isEmpty() ? v.toLowerCase(Locale.ROOT) : "";
    }

    private static String clientIp(String received) {
        String from = received.replaceAll("\\s+", " ");
        int by = from.toLowerCase(Locale.ROOT).indexOf(" by ");
        if (by >= 0) {
            from = from.substring(0, by);
        }
        Matcher m = BRACKETED_IP.matcher(from);
        if (m.find()) {
            return m.group(1);
        }
        m = SOCKET_ADDRESS.matcher(from);
        return m.find() ? m.group(1) : "";
    }

    /**
     * @param value a header value listing addresses
     * @param out where the addresses go, lower case
     */
    static void addresses(String value, List<String> out) {
        try {
            for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
                if (a.getAddress() != null) {
                    out.add(a.getAddress().strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (AddressException e) {
            out.add(value.strip().toLowerCase(Locale.ROOT));
        }
    }
}
