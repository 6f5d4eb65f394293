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

class ReplyAddressCodecProperties {
    private static final byte[] KEY = "an-example-key-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEW_KEY = "another-example-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII);
    private final ReplyAddressCodec codec = new ReplyAddressCodec(KeyRing.of(KEY), "ghe.example.com");
    private final ReplyAddressCodec rotated = new ReplyAddressCodec(KeyRing.of(NEW_KEY, KEY), "ghe.example.com");

    @Provide
    Arbitrary<ReplyTarget> targets() {
        return Combinators.combine(
                Arbitraries.of(ThreadType.class),
                Arbitraries.longs().between(1, 999_999_999_999_999_999L),
                Arbitraries.longs().between(1, 999_999_999_999_999_999L))
                .as(ReplyTarget::new);
    }

    @Property(tries = 2000)
    void everyEncodedAddressDecodesToItsTarget(@ForAll("targets") ReplyTarget target) {
        assertThat(codec.decode(codec.encode(target))).isEqualTo(new DecodeResult.Valid(target, true));
    }

    @Property(tries = 5000)
    void anyChangeOfOneCharacterIsRefused(@ForAll("targets") ReplyTarget target,
                                          @ForAll @IntRange(min = 0, max = 10_000) int where,
                                          @ForAll @IntRange(min = 0, max = 35) int replacementIndex) {
        String address = codec.encode(target);
        int at = address.indexOf('@');
        // Positions inside "<type>-<id>-<token>-<user>", the part after "reply+".
        int position = ReplyAddressCodec.PREFIX.length() + where % (at - ReplyAddressCodec.PREFIX.length());
        char original = address.charAt(position);
        char replacement = "0123456789abcdefghijklmnopqrstuvwxyz".charAt(replacementIndex);
        if (Character.toLowerCase(replacement) == Character.toLowerCase(original)) {
            replacement = original == '1' ? '2' : '1';
        }
        String changed = address.substring(0, position) + replacement + address.substring(position + 1);
        DecodeResult result = codec.decode(changed);
        assertThat(result).as(changed).isNotInstanceOf(DecodeResult.Valid.class);
    }

    @Property(tries = 10)
    void aMillionRandomForgeriesAreAllRefused(@ForAll long seed) {
        // 10 tries x 100,000 = 1,000,000 random tokens for well-formed addresses.
        SplittableRandom random = new SplittableRandom(seed);
        char[] hex = "0123456789abcdef".toCharArray();
        char[] token = new char[ReplyAddressCodec.TOKEN_HEX_LENGTH];
        int valid = 0;
        for (int i = 0; i < 100_000; i++) {
            for (int j = 0; j < token.length; j++) {
                token[j] = hex[random.nextInt(16)];
            }
            ThreadType type = ThreadType.values()[random.nextInt(ThreadType.values().length)];
            long id = 1 + random.nextInt(1_000_000);
            long user = 1 + random.nextInt(1_000_000);
            String forged = "reply+" + type.code() + "-" + id + "-" + new String(token) + "-" + user + "@reply.ghe.example.com";
            if (codec.decode(forged).isValid()) {
                valid++;
            }
        }
        assertThat(valid).isZero();
    }

    @Property(tries = 1000)
    void decodeNeverThrowsOnArbitraryText(@ForAll String text) {
        assertThat(codec.decode(text)).isNotNull();
        assertThat(codec.decode("reply+" + text + "@reply.ghe.example.com")).isNotNull();
    }

    @Provide
    Arbitrary<NewThreadScope> scopes() {
        Arbitrary<String> types = Combinators.combine(Arbitraries.chars().range('a', 'z'),
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMaxLength(19))
                .as((first, rest) -> first + rest);
        Arbitrary<String> ids = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_', '.')
                .ofMinLength(1).ofMaxLength(64)
                .filter(id -> !id.startsWith(".") && !id.endsWith(".") && !id.contains(".."));
        return Combinators.combine(types, ids).as(NewThreadScope::new);
    }

    @Property(tries = 2000)
    void everyEncodedNewThreadAddressDecodesToItsScope(@ForAll("scopes") NewThreadScope scope) {
        assertThat(codec.decode(codec.encodeNewThread(scope))).isEqualTo(new DecodeResult.ValidNewThread(scope, true));
        assertThat(rotated.decode(codec.encodeNewThread(scope))).isEqualTo(new DecodeResult.ValidNewThread(scope, false));
    }

    @Property(tries = 5000)
    void anyChangeOfOneCharacterOfANewThreadAddressIsRefused(@ForAll("scopes") NewThreadScope scope,
                                                             @ForAll @IntRange(min = 0, max = 10_000) int where,
                                                             @ForAll @IntRange(min = 0, max = 35) int replacementIndex) {
        String address = codec.encodeNewThread(scope);
        int at = address.indexOf('@');
        int position = ReplyAddressCodec.PREFIX.length() + where % (at - ReplyAddressCodec.PREFIX.length());
        char original = address.charAt(position);
        char replacement = "0123456789abcdefghijklmnopqrstuvwxyz".charAt(replacementIndex);
        if (replacement == original) {
            replacement = original == '1' ? '2' : '1';
        }
        String changed = address.substring(0, position) + replacement + address.substring(position + 1);
        DecodeResult result = codec.decode(changed);
        assertThat(result.isVerified()).as(changed).isFalse();
    }

    @Property(tries = 1000)
    void aTokenOfOneKindNeverVerifiesTheOther(@ForAll("targets") ReplyTarget target, @ForAll("scopes") NewThreadScope scope) {
        String reply = codec.encode(target);
        String token = reply.substring(reply.indexOf('-', reply.indexOf('-') + 1) + 1, reply.lastIndexOf('-'));
        String newThread = "reply+new-" + scope.type() + "-" + scope.id() + "-" + token + "@reply.ghe.example.com";
        assertThat(codec.decode(newThread).isVerified()).as(newThread).isFalse();
    }

    @Property(tries = 1000)
    void decodeOfArbitraryNewThreadTextNeverThrows(@ForAll String text) {
        assertThat(codec.decode("reply+new-" + text + "@reply.ghe.example.com")).isNotNull();
        assertThat(codec.decode("reply+new-repo-" + text + "@reply.ghe.example.com")).isNotNull();
    }
}
