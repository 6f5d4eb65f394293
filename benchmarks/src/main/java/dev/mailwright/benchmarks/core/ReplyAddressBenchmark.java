package dev.mailwright.benchmarks.core;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode, and decode plus verify, of reply addresses. Target: decode+verify under 1 µs.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar ReplyAddressBenchmark}
 *
 * <p>{@code keys} is the size of the key ring: a forged address is checked against every key, so
 * {@code decodeForged} with 3 keys is the worst case of a ring during a rotation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplyAddressBenchmark {
    @Param({"1", "3"})
    int keys;

    private ReplyAddressCodec codec;
    private ReplyTarget target;
    private String valid;
    private String forged;

    /** Builds the codec and the addresses. */
    @Setup
    public void setup() {
        byte[][] ring = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            ring[i] = ("benchmark-key-number-" + i + "-padded-to-32-bytes").getBytes(StandardCharsets.US_ASCII);
        }
        byte[][] verifyOnly = java.util.Arrays.copyOfRange(ring, 1, ring.length);
        codec = new ReplyAddressCodec(KeyRing.of(ring[0], verifyOnly), "ghe.example.com");
        target = new ReplyTarget(ThreadType.ISSUE, 123456, 789);
        valid = "\"Jane Doe\" <" + codec.encode(target) + ">";
        forged = "reply+i-123456-1801beb4df676a79250d1e61e54ab763822c207d-789@reply.ghe.example.com";
    }

    /** @return a signed address */
    @Benchmark
    public String encode() {
        return codec.encode(target);
    }

    /** @return the verified target of a valid address with a display name */
    @Benchmark
    public DecodeResult decodeValid() {
        return codec.decode(valid);
    }

    /** @return the outcome for a forged address (every key is tried) */
    @Benchmark
    public DecodeResult decodeForged() {
        return codec.decode(forged);
    }
}
