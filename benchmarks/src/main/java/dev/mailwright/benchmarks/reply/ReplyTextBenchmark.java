package dev.mailwright.benchmarks.reply;

import dev.mailwright.inbound.reply.ExtractedReply;
import dev.mailwright.inbound.reply.ReplyInput;
import dev.mailwright.inbound.reply.ReplyTextExtractor;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
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
 * Throughput of {@link ReplyTextExtractor#standard()} on typical replies, against two floors
 * measured in the same run: the naive first-marker cut the placeholder extractor did (a line
 * loop) and, for HTML, jsoup's own {@code Jsoup.parse(html).text()}.
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -jar
 * benchmarks/target/benchmarks.jar 'reply.ReplyTextBenchmark' -f 1 -wi 2 -i 3 -w 1s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class ReplyTextBenchmark {
    /** Which typical reply. */
    @Param({"top-posted", "interleaved", "outlook", "signature-mobile", "html-gmail", "html-outlook"})
    public String sample;

    private ReplyTextExtractor extractor;
    private ReplyInput input;
    private String body;

    /** Builds the sample. */
    @Setup
    public void setUp() {
        extractor = ReplyTextExtractor.standard();
        body = ReplySamples.typical(sample);
        input = sample.startsWith("html-") ? ReplyInput.ofHtml(body) : ReplyInput.ofText(body);
    }

    /** @return the extraction */
    @Benchmark
    public ExtractedReply mailwright() {
        return extractor.extract(input);
    }

    /** @return the floor: the placeholder's cut at the first marker line (text), or jsoup's text (HTML) */
    @Benchmark
    public String naiveFloor() {
        return sample.startsWith("html-") ? Jsoup.parse(body).text() : NaiveCut.cut(body);
    }
}
