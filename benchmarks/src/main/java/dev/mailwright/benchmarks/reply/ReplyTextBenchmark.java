package dev.mailwright.benchmarks.reply;

import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@code ReplyTextExtractor.standard()} on typical replies ({@code mailwright}),
 * against two floors measured in the same run ({@code naiveFloor}): the placeholder extractor's
 * cut at the first marker line (text), and jsoup's own {@code Jsoup.parse(html).text()} (HTML).
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -jar
 * benchmarks/target/benchmarks.jar 'reply.ReplyTextBenchmark' -f 1 -wi 2 -i 3 -w 1s -r 2s}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class ReplyTextBenchmark extends ReplyBenchmarkBase {
    /** Which typical reply. */
    @Param({"top-posted", "interleaved", "outlook", "signature-mobile", "html-gmail", "html-outlook"})
    public String sample;

    @Override
    protected String sampleName() {
        return sample;
    }

    @Override
    protected String sampleBody(String name) {
        return ReplySamples.typical(name);
    }

    /** @return the floor: the placeholder's cut at the first marker line (text), or jsoup's text (HTML) */
    @Benchmark
    public String naiveFloor() {
        return html() ? Jsoup.parse(body).text() : NaiveCut.cut(body);
    }
}
