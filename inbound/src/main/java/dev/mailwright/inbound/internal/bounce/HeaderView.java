package dev.mailwright.inbound.internal.bounce;

import dev.mailwright.inbound.internal.AutomatedMailGuard;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The header fields a bounce analysis reads, each read without throwing. */
final class HeaderView {
    private static final List<String> DELIVERY_HEADERS = List.of("Delivered-To", "X-Original-To", "To", "Cc");

    private final MimeMessage mime;

    HeaderView(MimeMessage mime) {
        this.mime = mime;
    }

    /** @return the first value of the field, unfolded, "" when absent */
    String first(String name) {
        List<String> all = all(name);
        return all.isEmpty() ? "" : all.get(0).replaceAll("\\r?\\n[ \\t]+", " ").strip();
    }

    private List<String> all(String name) {
        try {
            String[] values = mime.getHeader(name);
            return values == null ? List.of() : List.of(values);
        } catch (MessagingException e) {
            return List.of();
        }
    }

    /** @return the envelope recipients, then the addresses of the delivery headers, in that order */
    List<String> candidates(List<String> envelope) {
        List<String> out = new ArrayList<>(envelope);
        for (String name : DELIVERY_HEADERS) {
            for (String value : all(name)) {
                out.addAll(addresses(value));
            }
        }
        return out;
    }

    private static List<String> addresses(String value) {
        List<String> out = new ArrayList<>();
        try {
            for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
                if (a.getAddress() != null) {
                    out.add(a.getAddress());
                }
            }
        } catch (AddressException e) {
            for (String part : value.split("[,\\s]+")) {
                if (part.indexOf('@') > 0) {
                    out.add(part.replaceAll("[<>]", ""));
                }
            }
        }
        return out;
    }

    /** @return the From address, lower case, "" when absent or unreadable */
    String from() {
        List<String> a = addresses(first("From"));
        return a.isEmpty() ? "" : a.get(0).toLowerCase(Locale.ROOT);
    }

    /** @return the domain of the From address, "" when none */
    String fromDomain() {
        String f = from();
        return f.indexOf('@') < 0 ? "" : f.substring(f.indexOf('@') + 1);
    }

    private String subject() {
        String raw = first("Subject");
        try {
            return MimeUtility.decodeText(raw);
        } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
            return raw;
        }
    }

    TextReaders.Headers textHeaders() {
        List<String> rp = all("Return-Path");
        return new TextReaders.Headers(from(), rp.isEmpty() ? null : rp.get(0), subject(), first("X-Failed-Recipients"));
    }

    /** @return {@code X-Autoreply: v} or {@code X-Autorespond: v}, "" when neither is present */
    String autoReplyHeader() {
        for (String name : new String[] {"X-Autoreply", "X-Autorespond"}) {
            String v = first(name);
            if (!all(name).isEmpty()) {
                return name + ": " + v;
            }
        }
        return "";
    }

    boolean outOfOfficeSubject() {
        return AutomatedMailGuard.isOutOfOfficeSubject(subject());
    }
}
