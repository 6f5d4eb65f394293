package dev.mailwright.core;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Signs and verifies reply addresses of the form
 * {@code reply+<type>-<id>-<token>-<user>@reply.<hostname>}, for example
 * {@code reply+i-1-1801beb4df676a79250d1e61e54ab763822c207d-5@reply.ghe.example.com}, and
 * new-thread addresses {@code reply+new-<scope type>-<scope id>-<token>@reply.<hostname>} that
 * name a place rather than a thread ({@link NewThreadScope}), for example
 * {@code reply+new-repo-42-<token>@reply.ghe.example.com}.
 *
 * <p>The token is 40 lower-case hex digits: the first 160 bits of HMAC-SHA256, under the key
 * ring's signing key, over the canonical target {@code <type>-<id>-<user>} (decimal, no leading
 * zeros), or {@code new-<scope type>-<scope id>} for a new-thread address. The two canonical
 * forms cannot collide (a thread type is one letter, {@code new} three), so a token of one kind
 * never verifies an address of the other. Decoding accepts what mail systems do to addresses
 * (display names, angle brackets, upper case, surrounding spaces), tries every key of the ring
 * and compares in constant time; both kinds share the keys and their rotation.
 *
 * <p>A new-thread address with a long scope id can exceed the 64 octets RFC 5321 allows a local
 * part: most MTAs (Postfix among them) accept it, but keep scope ids short (a numeric id rather
 * than a path) where mail passes through strict relays.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ReplyAddressCodec {
    /** The local-part prefix of every reply address. */
    public static final String PREFIX = "reply+";
    /** What follows {@link #PREFIX} in a new-thread address: {@code reply+new-...}. */
    public static final String NEW_THREAD_MARK = "new";
    /** Length of the token in hex digits (160 bits). */
    public static final int TOKEN_HEX_LENGTH = 40;
    private static final int TOKEN_BYTES = TOKEN_HEX_LENGTH / 2;
    private static final int MAX_DIGITS = 18;
    private static final String HEX = "0123456789abcdef";

    private final String replyDomain;
    private final KeyedMacs macs;

    /**
     * @param keys the key ring
     * @param hostname the instance host name; addresses live under {@code reply.<hostname>}
     */
    public ReplyAddressCodec(KeyRing keys, String hostname) {
        Objects.requireNonNull(keys, "keys");
        this.replyDomain = HostNames.replyDomain(hostname);
        this.macs = new KeyedMacs(keys);
    }

    /** @return the domain of the addresses, {@code reply.<hostname>} */
    public String replyDomain() {
        return replyDomain;
    }

    /**
     * @param target the thread and user
     * @return the signed reply address, all lower case
     */
    public String encode(ReplyTarget target) {
        Objects.requireNonNull(target, "target");
        byte[] mac = token(0, canonical(target.type(), target.id(), target.userId()));
        StringBuilder out = new StringBuilder(PREFIX.length() + 64 + replyDomain.length());
        out.append(PREFIX).append(target.type().code()).append('-').append(target.id()).append('-');
        appendHex(out, mac);
        out.append('-').append(target.userId()).append('@').append(replyDomain);
        return out.toString();
    }

    /**
     * @param scope the place where mail to the address opens a new thread
     * @return the signed new-thread address {@code reply+new-<type>-<id>-<token>@reply.<hostname>},
     *     all lower case
     */
    public String encodeNewThread(NewThreadScope scope) {
        Objects.requireNonNull(scope, "scope");
        byte[] mac = token(0, canonical(scope));
        StringBuilder out = new StringBuilder(PREFIX.length() + 64 + replyDomain.length());
        out.append(PREFIX).append(NEW_THREAD_MARK).append('-').append(scope.type()).append('-').append(scope.id()).append('-');
        appendHex(out, mac);
        out.append('@').append(replyDomain);
        return out.toString();
    }

    private static void appendHex(StringBuilder out, byte[] mac) {
        for (int i = 0; i < TOKEN_BYTES; i++) {
            out.append(HEX.charAt((mac[i] >> 4) & 0xf)).append(HEX.charAt(mac[i] & 0xf));
        }
    }

    /**
     * Decodes and verifies an address as it arrives in a header or an SMTP {@code RCPT TO}: a
     * reply address or a new-thread address.
     *
     * @param address the address, with or without display name and angle brackets
     * @return valid (with the target or the scope), malformed (and why), wrong domain, or forged
     */
    public DecodeResult decode(String address) {
        if (address == null) {
            return new DecodeResult.Malformed("no address given");
        }
        String addr = unwrap(address.strip());
        int at = addr.lastIndexOf('@');
        if (at < 0) {
            return new DecodeResult.Malformed("no '@' in the address");
        }
        String local = addr.substring(0, at);
        String domain = addr.substring(at + 1).toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (!local.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return new DecodeResult.Malformed("the local part does not start with '" + PREFIX + "'");
        }
        String[] parts = local.substring(PREFIX.length()).split("-", -1);
        return parts[0].equalsIgnoreCase(NEW_THREAD_MARK) ? decodeNewThread(parts, domain) : decodeReply(parts, domain);
    }

    private DecodeResult decodeReply(String[] parts, String domain) {
        if (parts.length != 4) {
            return new DecodeResult.Malformed("expected 4 parts <type>-<id>-<token>-<user> after '"
                    + PREFIX + "', found " + parts.length);
        }
        if (parts[0].length() != 1 || ThreadType.fromCode(parts[0].charAt(0)).isEmpty()) {
            return new DecodeResult.Malformed("unknown thread type '" + parts[0] + "'");
        }
        ThreadType type = ThreadType.fromCode(parts[0].charAt(0)).orElseThrow();
        long id = parseId(parts[1]);
        if (id <= 0) {
            return new DecodeResult.Malformed("the id '" + parts[1] + "' is not a positive decimal number without leading zeros");
        }
        long user = parseId(parts[3]);
        if (user <= 0) {
            return new DecodeResult.Malformed("the user id '" + parts[3] + "' is not a positive decimal number without leading zeros");
        }
        byte[] given = parseToken(parts[2]);
        if (given == null) {
            return new DecodeResult.Malformed("the token is not " + TOKEN_HEX_LENGTH + " hex digits");
        }
        if (!domain.equals(replyDomain)) {
            return new DecodeResult.WrongDomain(domain, replyDomain);
        }
        ReplyTarget target = new ReplyTarget(type, id, user);
        int key = signedBy(canonical(type, id, user), given);
        return key < 0 ? new DecodeResult.Forged(target) : new DecodeResult.Valid(target, key == 0);
    }

    private DecodeResult decodeNewThread(String[] parts, String domain) {
        if (parts.length != 4) {
            return new DecodeResult.Malformed("expected 4 parts new-<scope type>-<scope id>-<token> after '"
                    + PREFIX + "', found " + parts.length);
        }
        String type = parts[1].toLowerCase(Locale.ROOT);
        String id = parts[2].toLowerCase(Locale.ROOT);
        String problem = NewThreadScope.typeProblem(type);
        if (problem != null) {
            return new DecodeResult.Malformed("the scope type '" + parts[1] + "' " + problem);
        }
        problem = NewThreadScope.idProblem(id);
        if (problem != null) {
            return new DecodeResult.Malformed("the scope id '" + parts[2] + "' " + problem);
        }
        byte[] given = parseToken(parts[3]);
        if (given == null) {
            return new DecodeResult.Malformed("the token is not " + TOKEN_HEX_LENGTH + " hex digits");
        }
        if (!domain.equals(replyDomain)) {
            return new DecodeResult.WrongDomain(domain, replyDomain);
        }
        NewThreadScope scope = new NewThreadScope(type, id);
        int key = signedBy(canonical(scope), given);
        return key < 0 ? new DecodeResult.ForgedNewThread(scope) : new DecodeResult.ValidNewThread(scope, key == 0);
    }

    /** @return the index of the key that signed {@code canonical} with {@code given}, or -1; constant time per key */
    private int signedBy(String canonical, byte[] given) {
        return macs.verify(canonical.getBytes(StandardCharsets.US_ASCII), given);
    }

    private static String canonical(ThreadType type, long id, long user) {
        return type.code() + "-" + id + "-" + user;
    }

    private static String canonical(NewThreadScope scope) {
        return NEW_THREAD_MARK + "-" + scope.type() + "-" + scope.id();
    }

    private byte[] token(int keyIndex, String canonical) {
        return macs.mac(keyIndex, canonical.getBytes(StandardCharsets.US_ASCII));
    }

    static String unwrap(String address) {
        int close = address.lastIndexOf('>');
        int open = close < 0 ? -1 : address.lastIndexOf('<', close);
        String inner = open >= 0 ? address.substring(open + 1, close) : address;
        inner = inner.strip();
        if (inner.regionMatches(true, 0, "mailto:", 0, 7)) {
            inner = inner.substring(7);
        }
        return inner;
    }

    /** @return the number, or -1 when not 1 to 18 decimal digits without a leading zero */
    static long parseId(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_DIGITS || s.charAt(0) == '0') {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static byte[] parseToken(String s) {
        if (s.length() != TOKEN_HEX_LENGTH) {
            return null;
        }
        byte[] out = new byte[TOKEN_BYTES];
        for (int i = 0; i < TOKEN_BYTES; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || s.charAt(2 * i) > 'f' || s.charAt(2 * i + 1) > 'f') {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    @Override
    public String toString() {
        return "ReplyAddressCodec[" + replyDomain + ", " + macs.size() + " key(s)]";
    }
}
