package dev.mailwright.benchmarks.reply;

import dev.mailwright.inbound.reply.ExtractedReply;
import dev.mailwright.inbound.reply.ReplyInput;
import dev.mailwright.inbound.reply.ReplyTextExtractor;
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
 * Time to extract the reply text of a 5 MB body (the issue asks for under a second): plain text,
 * a long quoted thread, a long interleaved reply, a mix of every near-miss marker, one line with
 * no break, and HTML.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -jar
 * benchmarks/target/benchmarks.jar 'reply.ReplyWorstCaseBenchmark' -f 1 -wi 2 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReplyWorstCaseBenchmark {
    /** Which 5 MB body. */
    @Param({"text-5mb", "quoted-5mb", "interleaved-5mb", "pathological-5mb", "one-line-5mb", "html-5mb"})
    public String sample;

    private ReplyTextExtractor extractor;
    private ReplyInput input;
    private String body;

    /** Builds the body. */
    @Setup
    public void setUp() {
        extractor = ReplyTextExtractor.standard();
        body = ReplySamples.large(sample);
        input = sample.startsWith("html-") ? ReplyInput.ofHtml(body) : ReplyInput.ofText(body);
    }

    /** @return the extraction */
    @Benchmark
    public ExtractedReply mailwright() {
        return extractor.extract(input);
    }

    /** @return the floor for text: the placeholder's single-pass cut at the first marker */
    @Benchmark
    public String naiveFloor() {
        return sample.startsWith("html-") ? body.replaceAll("<[^>]{0,1000}>", "") : NaiveCut.cut(body);
    }
}
