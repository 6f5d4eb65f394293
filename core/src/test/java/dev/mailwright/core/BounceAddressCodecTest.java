package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BounceAddressCodecTest {
    private static final byte[] KEY = "an-example-key-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OLD = "an-older-key-also-of-32-bytes-ok".getBytes(StandardCharsets.US_ASCII);
    private final BounceAddressCodec codec = new BounceAddressCodec(KeyRing.of(KEY), "noreply.ghe.example.com");
    private final BounceTarget target = new BounceTarget(new ReplyTarget(ThreadType.ISSUE, 1001, 5), "Octocat@Example.com");

    @Test
    void encode_hasTheVerpShape_recipientLast_underTheBounceDomain() {
        String a = codec.encode(target).orElseThrow();
        assertThat(a).matches("bounce\\+i-1001-5-[a-z2-7]{24}-octocat=example\\.com@noreply\\.ghe\\.example\\.com");
        assertThat(a.substring(0, a.indexOf('@'))).hasSizeLessThanOrEqualTo(64);
        assertThat(EmailAddresses.envelopeSenderProblem(a)).isEmpty();
    }

    @Test
    void encode_tokenIsFirst120BitsOfHmacSha256OverTheSeparatedCanonicalText() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] expected = Arrays.copyOf(mac.doFinal("bounce:i-1001-5:octocat@example.com".getBytes(StandardCharsets.UTF_8)), 15);
        String a = codec.encode(target).orElseThrow();
        String token = a.split("-")[3];
        assertThat(base32Decode(token)).isEqualTo(expected);
    }

    private static byte[] base32Decode(String s) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        java.math.BigInteger n = java.math.BigInteger.ZERO;
        for (char c : s.toCharArray()) {
            n = n.shiftLeft(5).add(java.math.BigInteger.valueOf(alphabet.indexOf(c)));
        }
        byte[] raw = n.toByteArray();
        byte[] out = new byte[15];
        System.arraycopy(raw, Math.max(0, raw.length - 15), out, Math.max(0, 15 - raw.length), Math.min(15, raw.length));
        return out;
    }

    @Test
    void decode_roundTrips_andSurvivesCaseChangesAndAngleBrackets() {
        String a = codec.encode(target).orElseThrow();
        assertThat(codec.decode(a)).isEqualTo(new BounceAddressResult.Valid(target, true));
        assertThat(codec.decode("<" + a.toUpperCase(Locale.ROOT) + ">")).isEqualTo(new BounceAddressResult.Valid(target, true));
        assertThat(codec.decode(" \"Mail Delivery\" <" + a + "> ")).isInstanceOf(BounceAddressResult.Valid.class);
    }

    @Test
    void decode_recipientWithHyphensPlusAndEquals_roundTrips() {
        BounceTarget odd = new BounceTarget(new ReplyTarget(ThreadType.PULL_REQUEST, 7, 9), "a-b=c+tag@mail-1.example.org");
        String a = codec.encode(odd).orElseThrow();
        assertThat(a).contains("-a-b=c+tag=mail-1.example.org@");
        assertThat(codec.decode(a)).isEqualTo(new BounceAddressResult.Valid(odd, true));
    }

    @Test
    void decode_changedRecipient_isForged_andClaimsButIsNotValid() {
        String a = codec.encode(target).orElseThrow();
        String other = a.replace("octocat=example.com", "victim=example.com");
        BounceAddressResult r = codec.decode(other);
        assertThat(r).isInstanceOf(BounceAddressResult.Forged.class);
        assertThat(((BounceAddressResult.Forged) r).claimed().recipient()).isEqualTo("victim@example.com");
        assertThat(codec.decode(a.replace("-1001-", "-1002-"))).isInstanceOf(BounceAddressResult.Forged.class);
    }

    @Test
    void decode_replyAddressTokenIsNeverAValidBounceToken() {
        ReplyAddressCodec replies = new ReplyAddressCodec(KeyRing.of(KEY), "ghe.example.com");
        String reply = replies.encode(target.notification());
        assertThat(codec.decode(reply)).isInstanceOf(BounceAddressResult.Malformed.class);
        assertThat(replies.decode(codec.encode(target).orElseThrow())).isInstanceOf(DecodeResult.Malformed.class);
    }

    @Test
    void decode_wrongDomain_andMalformedParts_sayWhat() {
        String a = codec.encode(target).orElseThrow();
        assertThat(codec.decode(a.replace("@noreply.", "@reply."))).isEqualTo(
                new BounceAddressResult.WrongDomain("reply.ghe.example.com", "noreply.ghe.example.com"));
        assertThat(codec.decode("noreply@ghe.example.com")).isInstanceOf(BounceAddressResult.Malformed.class);
        assertThat(codec.decode(null)).isEqualTo(new BounceAddressResult.Malformed("no address given"));
        assertThat(reason("bounce+x-1-5-" + "a".repeat(24) + "-a=b.c@noreply.ghe.example.com")).contains("thread type 'x'");
        assertThat(reason("bounce+i-01-5-" + "a".repeat(24) + "-a=b.c@noreply.ghe.example.com")).contains("thread id '01'");
        assertThat(reason("bounce+i-1-5-" + "a".repeat(23) + "-a=b.c@noreply.ghe.example.com")).contains("24 base32");
        assertThat(reason("bounce+i-1-5-" + "a".repeat(23) + "1-a=b.c@noreply.ghe.example.com")).contains("24 base32");
        assertThat(reason("bounce+i-1-5-" + "a".repeat(24) + "-nodomain@noreply.ghe.example.com")).contains("recipient part");
        assertThat(reason("bounce+i-1-5@noreply.ghe.example.com")).contains("found 3 part(s)");
        assertThat(reason("bounce+i-1-5-" + "a".repeat(24) + "-" + "x".repeat(240) + "=b.c@noreply.ghe.example.com"))
                .contains("longer than 254");
    }

    private String reason(String address) {
        BounceAddressResult r = codec.decode(address);
        assertThat(r).isInstanceOf(BounceAddressResult.Malformed.class);
        return ((BounceAddressResult.Malformed) r).reason();
    }

    @Test
    void keyRotation_oldKeyStillVerifies_andSaysSo() {
        BounceAddressCodec old = new BounceAddressCodec(KeyRing.of(OLD), "noreply.ghe.example.com");
        BounceAddressCodec rotated = new BounceAddressCodec(KeyRing.of(KEY, OLD), "noreply.ghe.example.com");
        assertThat(rotated.decode(old.encode(target).orElseThrow())).isEqualTo(new BounceAddressResult.Valid(target, false));
        assertThat(codec.decode(old.encode(target).orElseThrow())).isInstanceOf(BounceAddressResult.Forged.class);
    }

    @Test
    void encode_aRecipientTooLongForAnSmtpPath_isEmpty_notAnInvalidAddress() {
        String longLocal = "l".repeat(64);
        String longDomain = ("d".repeat(60) + ".").repeat(2) + "d".repeat(40) + ".example.com";
        BounceTarget huge = new BounceTarget(target.notification(), longLocal + "@" + longDomain);
        assertThat(codec.encode(huge)).isEmpty();
    }

    @Test
    void of_settings_usesTheBounceDomain_elseNoreplyOfTheHostname() {
        EmailSettings plain = EmailSettings.builder().hostname("GHE.example.com").build();
        assertThat(BounceAddressCodec.of(KeyRing.of(KEY), plain).bounceDomain()).isEqualTo("noreply.ghe.example.com");
        EmailSettings custom = plain.toBuilder().bounceDomain("bounces.example.net").build();
        assertThat(BounceAddressCodec.of(KeyRing.of(KEY), custom).bounceDomain()).isEqualTo("bounces.example.net");
        assertThatThrownBy(() -> BounceAddressCodec.of(KeyRing.of(KEY), EmailSettings.builder().build()))
                .hasMessageContaining("mailwright.bounce-domain");
        assertThat(codec.toString()).doesNotContain(new String(KEY, StandardCharsets.US_ASCII)).contains("1 key(s)");
    }
}
