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
 * Time to extract the reply text of a 5 MB body (the issue asks for under a second): plain text,
 * a long quoted thread, a long interleaved reply, a mix of every near-miss marker, one line with
 * no break, and HTML; against the same floors as {@link ReplyTextBenchmark} (for HTML, jsoup's
 * parse alone, which the extractor must do too).
 *
 * <p>Run: {@code mvn -B -q -o -pl benchmarks -am -DskipTests package && java -jar
 * benchmarks/target/benchmarks.jar 'reply.ReplyWorstCaseBenchmark' -f 1 -wi 3 -i 5}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReplyWorstCaseBenchmark extends ReplyBenchmarkBase {
    /** Which 5 MB body. */
    @Param({"text-5mb", "quoted-5mb", "interleaved-5mb", "pathological-5mb", "one-line-5mb", "html-5mb"})
    public String sample;

    @Override
    protected String sampleName() {
        return sample;
    }

    @Override
    protected String sampleBody(String name) {
        return ReplySamples.large(name);
    }

    /** @return the floor: the placeholder's single-pass cut (text), or jsoup's parse alone (HTML) */
    @Benchmark
    public Object naiveFloor() {
        return html() ? Jsoup.parse(body) : NaiveCut.cut(body);
    }
}
