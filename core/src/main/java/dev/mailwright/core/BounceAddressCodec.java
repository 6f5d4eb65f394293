package dev.mailwright.core;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs and verifies the envelope sender of notifications (VERP, variable envelope return path):
 * {@code bounce+<type>-<id>-<user>-<token>-<local>=<domain>@noreply.<hostname>}, for example
 * {@code bounce+i-1001-5-mfrggzdfmztwq2lknnwg23to-octocat=example.com@noreply.ghe.example.com}. A
 * bounce is sent to it, so the address that received the bounce says which notification went to
 * which recipient, without any state kept by the sender.
 *
 * <p>The token is 24 lower-case base32 characters: the first 120 bits of HMAC-SHA256, under the
 * same key ring as the reply addresses ({@link ReplyAddressCodec}), over
 * {@code bounce:<type>-<id>-<user>:<recipient in lower case>}. The prefix keeps it apart from
 * reply-address tokens (a token of one kind is never valid as the other). Decoding accepts upper
 * or lower case (some mail systems change it), tries every key of the ring (rotation) and compares
 * in constant time; a forged address claims nothing that may be acted on.
 *
 * <p>The local part is longer than RFC 5321's 64 characters for longer recipient addresses, as the
 * bounce addresses of large senders are; an address that would exceed the 254 characters of an
 * SMTP path cannot be encoded ({@link #encode} returns empty) and the caller uses its plain
 * envelope sender.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BounceAddressCodec {
    /** The local-part prefix of every bounce address. */
    public static final String PREFIX = "bounce+";
    /** Length of the token in base32 characters (120 bits). */
    public static final int TOKEN_LENGTH = 24;
    private static final int TOKEN_BYTES = TOKEN_LENGTH * 5 / 8;
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int MAX_ADDRESS = 254;

    private final String bounceDomain;
    private final KeyedMacs macs;

    /**
     * @param keys the key ring of the reply addresses
     * @param bounceDomain the domain of the bounce addresses, such as {@code noreply.ghe.example.com};
     *     mail to it must reach the inbound pipeline
     * @throws IllegalArgumentException when the domain is not a valid host name
     */
    public BounceAddressCodec(KeyRing keys, String bounceDomain) {
        Objects.requireNonNull(keys, "keys");
        this.bounceDomain = HostNames.normalize(bounceDomain);
        this.macs = new KeyedMacs(keys);
    }

    /**
     * @param keys the key ring
     * @param settings the settings: their bounce domain when set, else {@code noreply.<hostname>}
     * @return the codec
     * @throws IllegalArgumentException when the settings name neither a bounce domain nor a host name
     */
    public static BounceAddressCodec of(KeyRing keys, EmailSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Optional<String> domain = settings.bounceDomain();
        if (domain.isEmpty() && settings.hostname().isEmpty()) {
            throw new IllegalArgumentException("the settings name neither a bounce domain (mailwright.bounce-domain)"
                    + " nor a host name (mailwright.hostname): set one");
        }
        return new BounceAddressCodec(keys, domain.orElseGet(() -> HostNames.noReplyDomain(settings.hostname().orElseThrow())));
    }

    /** @return the domain of the addresses */
    public String bounceDomain() {
        return bounceDomain;
    }

    /**
     * @param target the notification and recipient
     * @return the signed bounce address, lower case; empty when it would be longer than an SMTP
     *     path allows (a recipient address of about 190 characters or more)
     */
    public Optional<String> encode(BounceTarget target) {
        Objects.requireNonNull(target, "target");
        ReplyTarget n = target.notification();
        byte[] mac = macs.mac(0, canonical(n.type().code(), n.id(), n.userId(), target.recipient()));
        String recipient = target.recipient();
        int at = recipient.lastIndexOf('@');
        StringBuilder out = new StringBuilder(96 + recipient.length());
        out.append(PREFIX).append(n.type().code()).append('-').append(n.id()).append('-').append(n.userId()).append('-');
        base32(mac, out);
        out.append('-').append(recipient, 0, at).append('=').append(recipient, at + 1, recipient.length())
                .append('@').append(bounceDomain);
        return out.length() > MAX_ADDRESS ? Optional.empty() : Optional.of(out.toString());
    }

    /**
     * Decodes and verifies an address as it arrives in {@code RCPT TO} or a header.
     *
     * @param address the address, with or without display name and angle brackets
     * @return valid (with the target), malformed (and why), wrong domain, or forged
     */
    public BounceAddressResult decode(String address) {
        if (address == null) {
            return new BounceAddressResult.Malformed("no address given");
        }
        String addr = ReplyAddressCodec.unwrap(address.strip());
        int at = addr.lastIndexOf('@');
        if (at < 0 || addr.length() > MAX_ADDRESS) {
            return new BounceAddressResult.Malformed(at < 0 ? "no '@' in the address"
                    : "the address is longer than " + MAX_ADDRESS + " characters");
        }
        String local = addr.substring(0, at);
        String domain = addr.substring(at + 1).toLowerCase(Locale.ROOT);
        domain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (!local.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return new BounceAddressResult.Malformed("the local part does not start with '" + PREFIX + "'");
        }
        String[] parts = local.substring(PREFIX.length()).split("-", 5);
        if (parts.length != 5) {
            return new BounceAddressResult.Malformed("expected <type>-<id>-<user>-<token>-<recipient> after '"
                    + PREFIX + "', found " + parts.length + " part(s)");
        }
        Object parsed = parse(parts);
        if (parsed instanceof BounceAddressResult.Malformed m) {
            return m;
        }
        if (!domain.equals(bounceDomain)) {
            return new BounceAddressResult.WrongDomain(domain, bounceDomain);
        }
        BounceTarget target = (BounceTarget) parsed;
        ReplyTarget n = target.notification();
        int key = macs.verify(canonical(n.type().code(), n.id(), n.userId(), target.recipient()), parseToken(parts[3]));
        return key < 0 ? new BounceAddressResult.Forged(target) : new BounceAddressResult.Valid(target, key == 0);
    }

    /** @return the target the parts claim, or why they are malformed */
    private static Object parse(String[] parts) {
        Optional<ThreadType> type = parts[0].length() == 1 ? ThreadType.fromCode(Character.toLowerCase(parts[0].charAt(0)))
                : Optional.empty();
        if (type.isEmpty()) {
            return new BounceAddressResult.Malformed("unknown thread type '" + EmailAddresses.printable(parts[0]) + "'");
        }
        long id = ReplyAddressCodec.parseId(parts[1]);
        long user = ReplyAddressCodec.parseId(parts[2]);
        if (id <= 0 || user <= 0) {
            return new BounceAddressResult.Malformed("the " + (id <= 0 ? "thread id '" + parts[1] : "user id '" + parts[2])
                    + "' is not a positive decimal number without leading zeros");
        }
        if (parseToken(parts[3]) == null) {
            return new BounceAddressResult.Malformed("the token is not " + TOKEN_LENGTH + " base32 characters");
        }
        int eq = parts[4].lastIndexOf('=');
        String recipient = eq < 0 ? "" : parts[4].substring(0, eq) + "@" + parts[4].substring(eq + 1);
        Optional<String> problem = EmailAddresses.problem(recipient);
        if (problem.isPresent()) {
            return new BounceAddressResult.Malformed("the recipient part '" + EmailAddresses.printable(parts[4])
                    + "' is not <local>=<domain> of a valid address: " + problem.get());
        }
        return new BounceTarget(new ReplyTarget(type.get(), id, user), recipient);
    }

    private static byte[] canonical(char type, long id, long user, String recipient) {
        return ("bounce:" + type + "-" + id + "-" + user + ":" + recipient).getBytes(StandardCharsets.UTF_8);
    }

    private static void base32(byte[] mac, StringBuilder out) {
        for (int i = 0; i < TOKEN_BYTES; i += 5) {
            long group = 0;
            for (int j = 0; j < 5; j++) {
                group = (group << 8) | (mac[i + j] & 0xff);
            }
            for (int shift = 35; shift >= 0; shift -= 5) {
                out.append(BASE32.charAt((int) (group >>> shift) & 31));
            }
        }
    }

    /** @return the token's bytes, or null when it is not 24 base32 characters (either case) */
    private static byte[] parseToken(String s) {
        if (s.length() != TOKEN_LENGTH) {
            return null;
        }
        byte[] out = new byte[TOKEN_BYTES];
        for (int g = 0; g < TOKEN_LENGTH / 8; g++) {
            long group = 0;
            for (int j = 0; j < 8; j++) {
                int v = BASE32.indexOf(Character.toLowerCase(s.charAt(g * 8 + j)));
                if (v < 0 || s.charAt(g * 8 + j) > 'z') {
                    return null;
                }
                group = (group << 5) | v;
            }
            for (int j = 0; j < 5; j++) {
                out[g * 5 + j] = (byte) (group >>> (32 - 8 * j));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "BounceAddressCodec[" + bounceDomain + ", " + macs.size() + " key(s)]";
    }
}
