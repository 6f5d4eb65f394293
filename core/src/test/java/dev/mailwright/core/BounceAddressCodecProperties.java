package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class BounceAddressCodecProperties {
    private static final byte[] KEY = "an-example-key-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII);
    private final BounceAddressCodec codec = new BounceAddressCodec(KeyRing.of(KEY), "noreply.ghe.example.com");

    @Provide
    Arbitrary<BounceTarget> targets() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789.+-=_'")
                .ofMinLength(1).ofMaxLength(40).filter(s -> !s.startsWith(".") && !s.endsWith(".") && !s.contains(".."));
        Arbitrary<String> domain = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1)
                .ofMaxLength(20).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l) + ".example");
        Arbitrary<ReplyTarget> notification = Combinators.combine(Arbitraries.of(ThreadType.class),
                Arbitraries.longs().between(1, 999_999_999_999L), Arbitraries.longs().between(1, 999_999_999_999L))
                .as(ReplyTarget::new);
        return Combinators.combine(notification, local, domain).as((n, l, d) -> new BounceTarget(n, l + "@" + d));
    }

    @Property(tries = 2000)
    void everyEncodedAddressDecodesToItsTarget(@ForAll("targets") BounceTarget target) {
        String address = codec.encode(target).orElseThrow();
        assertThat(EmailAddresses.envelopeSenderProblem(address)).isEmpty();
        assertThat(codec.decode(address)).isEqualTo(new BounceAddressResult.Valid(target, true));
    }

    @Property(tries = 5000)
    void anyChangeOfOneCharacterBeforeTheAtIsNeverValid(@ForAll("targets") BounceTarget target,
                                                        @ForAll @IntRange(min = 0, max = 10_000) int where,
                                                        @ForAll @IntRange(min = 0, max = 39) int replacementIndex) {
        String address = codec.encode(target).orElseThrow();
        int at = address.indexOf('@');
        int position = BounceAddressCodec.PREFIX.length() + where % (at - BounceAddressCodec.PREFIX.length());
        char original = address.charAt(position);
        char replacement = "0123456789abcdefghijklmnopqrstuvwxyz-=.+".charAt(replacementIndex);
        if (Character.toLowerCase(replacement) == Character.toLowerCase(original)) {
            replacement = original == '1' ? '2' : '1';
        }
        String changed = address.substring(0, position) + replacement + address.substring(position + 1);
        assertThat(codec.decode(changed)).as(changed).isNotInstanceOf(BounceAddressResult.Valid.class);
    }

    @Property(tries = 10)
    void aMillionRandomForgeriesAreAllRefused(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        char[] alphabet = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
        char[] token = new char[BounceAddressCodec.TOKEN_LENGTH];
        int valid = 0;
        for (int i = 0; i < 100_000; i++) {
            for (int j = 0; j < token.length; j++) {
                token[j] = alphabet[random.nextInt(32)];
            }
            String forged = "bounce+i-" + (1 + random.nextInt(1_000_000)) + "-" + (1 + random.nextInt(1000)) + "-"
                    + new String(token) + "-victim=example.com@noreply.ghe.example.com";
            if (codec.decode(forged).isValid()) {
                valid++;
            }
        }
        assertThat(valid).isZero();
    }

    @Property(tries = 1000)
    void decodeNeverThrowsOnArbitraryText(@ForAll String text) {
        assertThat(codec.decode(text)).isNotNull();
        assertThat(codec.decode("bounce+" + text + "@noreply.ghe.example.com")).isNotNull();
        assertThat(codec.decode("bounce+i-1-2-" + "a".repeat(24) + "-" + text + "@noreply.ghe.example.com")).isNotNull();
    }
}
