package dev.mailwright.inbound.bounce;

import dev.mailwright.core.BounceAddressCodec;
import dev.mailwright.core.BounceTarget;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The key, the bounce address and the fixture files of the bounce tests. */
final class BounceFixtures {
    static final KeyRing KEYS = KeyRing.of("an-example-key-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII));
    static final BounceAddressCodec CODEC = new BounceAddressCodec(KEYS, "noreply.ghe.example.com");
    static final BounceTarget TARGET = new BounceTarget(new ReplyTarget(ThreadType.ISSUE, 1001, 5), "octocat@example.com");
    static final String VERP = CODEC.encode(TARGET).orElseThrow();
    static final BounceRecognizer RECOGNIZER = BounceRecognizer.builder().codec(CODEC).build();

    private BounceFixtures() {
    }

    /** @return the fixture with {@code {{VERP}}} replaced by the test's bounce address */
    static byte[] load(String name) {
        return text(name).replace("{{VERP}}", VERP).getBytes(StandardCharsets.UTF_8);
    }

    static String text(String name) {
        try (InputStream in = BounceFixtures.class.getResourceAsStream("/bounces/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /bounces/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BounceEvent event(BounceOutcome outcome) {
        if (!(outcome instanceof BounceOutcome.Bounce b)) {
            throw new AssertionError("expected a bounce, got " + outcome);
        }
        return b.event();
    }
}
