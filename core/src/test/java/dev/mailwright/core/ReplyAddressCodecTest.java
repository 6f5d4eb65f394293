package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReplyAddressCodecTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    static final String SEED_ADDRESS = "reply+i-1-1801beb4df676a79250d1e61e54ab763822c207d-5@reply.ghe.tjl2.co.ie";

    private final ReplyAddressCodec codec = new ReplyAddressCodec(KeyRing.of(KEY), "ghe.example.com");

    @Test
    void encode_hasTheSeedShape() {
        String address = codec.encode(new ReplyTarget(ThreadType.ISSUE, 1, 5));
        assertThat(address).matches("reply\\+i-1-[0-9a-f]{40}-5@reply\\.ghe\\.example\\.com");
    }

    @Test
    void encode_tokenIsFirst160BitsOfHmacSha256OverCanonicalTarget() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        byte[] full = mac.doFinal("p-42-7".getBytes(StandardCharsets.US_ASCII));
        String expected = java.util.HexFormat.of().formatHex(Arrays.copyOf(full, 20));
        assertThat(codec.encode(new ReplyTarget(ThreadType.PULL_REQUEST, 42, 7)))
                .isEqualTo("reply+p-42-" + expected + "-7@reply.ghe.example.com");
    }

    @Test
    void decode_roundTripsEveryType() {
        for (ThreadType type : ThreadType.values()) {
            ReplyTarget target = new ReplyTarget(type, 123456789L, 987654321L);
            assertThat(codec.decode(codec.encode(target))).isEqualTo(new DecodeResult.Valid(target, true));
        }
    }

    @Test
    void decode_acceptsWhatMailSystemsDoToAddresses() {
        ReplyTarget target = new ReplyTarget(ThreadType.COMMIT_COMMENT, 77, 3);
        String address = codec.encode(target);
        for (String variant : new String[] {
            "  " + address + "  ",
            "<" + address + ">",
            "\"Jane Doe\" <" + address + ">",
            "Jane Doe <" + address.toUpperCase(java.util.Locale.ROOT) + ">",
            address.replace("@reply.ghe.example.com", "@REPLY.GHE.Example.COM."),
            "mailto:" + address,
        }) {
            assertThat(codec.decode(variant)).as(variant).isEqualTo(new DecodeResult.Valid(target, true));
        }
    }

    @Test
    void decode_seedAddressParsesToIssue1User5AndIsForgedUnderAnotherKey() {
        ReplyAddressCodec seedCodec = new ReplyAddressCodec(KeyRing.of(KEY), "ghe.tjl2.co.ie");
        DecodeResult result = seedCodec.decode(SEED_ADDRESS);
        assertThat(result).isEqualTo(new DecodeResult.Forged(new ReplyTarget(ThreadType.ISSUE, 1, 5)));
    }

    @Test
    void decode_reportsWrongDomain() {
        String address = codec.encode(new ReplyTarget(ThreadType.ISSUE, 1, 5));
        DecodeResult result = new ReplyAddressCodec(KeyRing.of(KEY), "other.example.org").decode(address);
        assertThat(result).isEqualTo(new DecodeResult.WrongDomain("reply.ghe.example.com", "reply.other.example.org"));
    }

    @Test
    void decode_reportsMalformedWithReason() {
        assertThat(codec.decode("someone@example.com")).isInstanceOf(DecodeResult.Malformed.class);
        assertThat(reason("reply+x-1-" + "a".repeat(40) + "-5@reply.ghe.example.com")).contains("unknown thread type 'x'");
        assertThat(reason("reply+i-01-" + "a".repeat(40) + "-5@reply.ghe.example.com")).contains("id '01'");
        assertThat(reason("reply+i-1-" + "a".repeat(39) + "-5@reply.ghe.example.com")).contains("40 hex digits");
        assertThat(reason("reply+i-1-" + "g".repeat(40) + "-5@reply.ghe.example.com")).contains("40 hex digits");
        assertThat(reason("reply+i-1-" + "a".repeat(40) + "-0@reply.ghe.example.com")).contains("user id '0'");
        assertThat(reason("reply+i-1-" + "a".repeat(40) + "@reply.ghe.example.com")).contains("found 3");
        assertThat(reason("reply+i-1-" + "a".repeat(40) + "-5")).contains("no '@'");
        assertThat(reason(null)).contains("no address");
        assertThat(reason("reply+i-99999999999999999999-" + "a".repeat(40) + "-5@reply.ghe.example.com")).contains("id");
    }

    @Test
    void encodeNewThread_tokenIsHmacOverNewTypeIdAndDecodesToTheScope() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(Arrays.copyOf(
                mac.doFinal("new-repo-42".getBytes(StandardCharsets.US_ASCII)), 20));
        NewThreadScope scope = new NewThreadScope("repo", "42");
        String address = codec.encodeNewThread(scope);
        assertThat(address).isEqualTo("reply+new-repo-42-" + expected + "@reply.ghe.example.com");
        assertThat(codec.decode("Help Desk <" + address.toUpperCase(java.util.Locale.ROOT) + ">"))
                .isEqualTo(new DecodeResult.ValidNewThread(scope, true));
        assertThat(codec.decode(address).isValid()).as("not a reply to an existing thread").isFalse();
        assertThat(codec.decode(address).isVerified()).isTrue();
    }

    @Test
    void decodeNewThread_tamperedScopeOrTokenIsForged() {
        String address = codec.encodeNewThread(new NewThreadScope("queue", "support.eu"));
        assertThat(codec.decode(address.replace("support.eu", "support.us")))
                .isEqualTo(new DecodeResult.ForgedNewThread(new NewThreadScope("queue", "support.us")));
        assertThat(codec.decode(address.replace("-queue-", "-queuf-"))).isInstanceOf(DecodeResult.ForgedNewThread.class);
        assertThat(new ReplyAddressCodec(KeyRing.of(OTHER_KEY), "ghe.example.com").decode(address))
                .isInstanceOf(DecodeResult.ForgedNewThread.class);
    }

    @Test
    void decodeNewThread_keyRotationKeepsOldAddressesValid() {
        NewThreadScope scope = new NewThreadScope("project", "7");
        String old = new ReplyAddressCodec(KeyRing.of(OTHER_KEY), "ghe.example.com").encodeNewThread(scope);
        ReplyAddressCodec rotated = new ReplyAddressCodec(KeyRing.of(KEY, OTHER_KEY), "ghe.example.com");
        assertThat(rotated.decode(old)).isEqualTo(new DecodeResult.ValidNewThread(scope, false));
        assertThat(rotated.decode(rotated.encodeNewThread(scope))).isEqualTo(new DecodeResult.ValidNewThread(scope, true));
    }

    @Test
    void decodeNewThread_reportsMalformedAndWrongDomain() {
        String token = "a".repeat(40);
        assertThat(reason("reply+new-repo-" + token + "@reply.ghe.example.com")).contains("found 3");
        assertThat(reason("reply+new-9repo-1-" + token + "@reply.ghe.example.com")).contains("scope type '9repo'");
        assertThat(reason("reply+new-repo-a..b-" + token + "@reply.ghe.example.com")).contains("scope id 'a..b'");
        assertThat(reason("reply+new-repo-a+b-" + token + "@reply.ghe.example.com")).contains("scope id 'a+b'");
        assertThat(reason("reply+new-repo-1-" + "a".repeat(39) + "@reply.ghe.example.com")).contains("40 hex digits");
        String address = codec.encodeNewThread(new NewThreadScope("repo", "1"));
        assertThat(new ReplyAddressCodec(KeyRing.of(KEY), "other.example.org").decode(address))
                .isEqualTo(new DecodeResult.WrongDomain("reply.ghe.example.com", "reply.other.example.org"));
    }

    @Test
    void newThreadScope_refusesWhatCannotLiveInAnAddress() {
        assertThatThrownBy(() -> new NewThreadScope("Repo", "1")).hasMessageContaining("'Repo'").hasMessageContaining("lower-case");
        assertThatThrownBy(() -> new NewThreadScope("repo", "a-b")).hasMessageContaining("'a-b'").hasMessageContaining("'-'");
        assertThatThrownBy(() -> new NewThreadScope("repo", "")).hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> new NewThreadScope("repo", ".x")).hasMessageContaining("'.'");
        assertThatThrownBy(() -> new NewThreadScope("r".repeat(21), "1")).hasMessageContaining("1 to 20");
        assertThat(new NewThreadScope("repo", "acme_widgets.v2").id()).isEqualTo("acme_widgets.v2");
    }

    private String reason(String address) {
        DecodeResult r = codec.decode(address);
        assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
        return ((DecodeResult.Malformed) r).reason();
    }

    @Test
    void decode_rejectsTamperedToken() {
        String address = codec.encode(new ReplyTarget(ThreadType.ISSUE, 1, 5));
        int tokenStart = "reply+i-1-".length();
        char c = address.charAt(tokenStart);
        String tampered = address.substring(0, tokenStart) + (c == '0' ? '1' : '0') + address.substring(tokenStart + 1);
        assertThat(codec.decode(tampered)).isInstanceOf(DecodeResult.Forged.class);
    }

    @Test
    void keyRotation_verifyOnlyKeyStillAcceptsOldAddresses() {
        ReplyAddressCodec old = new ReplyAddressCodec(KeyRing.of(OTHER_KEY), "ghe.example.com");
        String oldAddress = old.encode(new ReplyTarget(ThreadType.DISCUSSION, 9, 8));
        ReplyAddressCodec rotated = new ReplyAddressCodec(KeyRing.of(KEY, OTHER_KEY), "ghe.example.com");
        assertThat(rotated.decode(oldAddress)).isEqualTo(new DecodeResult.Valid(new ReplyTarget(ThreadType.DISCUSSION, 9, 8), false));
        assertThat(rotated.decode(rotated.encode(new ReplyTarget(ThreadType.DISCUSSION, 9, 8))))
                .isEqualTo(new DecodeResult.Valid(new ReplyTarget(ThreadType.DISCUSSION, 9, 8), true));
        assertThat(codec.decode(oldAddress)).isInstanceOf(DecodeResult.Forged.class);
    }

    @Test
    void codecIsThreadSafe() throws Exception {
        ReplyTarget target = new ReplyTarget(ThreadType.ISSUE, 5, 6);
        String expected = codec.encode(target);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    for (int j = 0; j < 2000; j++) {
                        if (!codec.encode(target).equals(expected) || !codec.decode(expected).isValid()) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringShowsNoKey() {
        assertThat(codec.toString()).doesNotContain("0123456789abcdef").contains("reply.ghe.example.com");
        assertThat(KeyRing.of(KEY).toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void invalidHostnameIsRefused() {
        assertThatThrownBy(() -> new ReplyAddressCodec(KeyRing.of(KEY), "bad host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad host'");
    }
}
