package dev.mailwright.benchmarks.reply;

import dev.mailwright.inbound.reply.ExtractedReply;
import dev.mailwright.inbound.reply.ReplyInput;
import dev.mailwright.inbound.reply.ReplyTextExtractor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What the reply-text benchmarks share: the extractor, the sample body, the measured call. */
@State(Scope.Benchmark)
public abstract class ReplyBenchmarkBase {
    /** The sample's body, for the floors. */
    protected String body;
    private ReplyTextExtractor extractor;
    private ReplyInput input;

    /** @return the name of the sample (the subclass's {@code @Param}) */
    protected abstract String sampleName();

    /**
     * @param name the sample's name
     * @return its body
     */
    protected abstract String sampleBody(String name);

    /** @return true when the sample is HTML */
    protected boolean html() {
        return sampleName().startsWith("html-");
    }

    /** Builds the sample. */
    @Setup
    public void setUp() {
        extractor = ReplyTextExtractor.standard();
        body = sampleBody(sampleName());
        input = html() ? ReplyInput.ofHtml(body) : ReplyInput.ofText(body);
    }

    /** @return the extraction */
    @Benchmark
    public ExtractedReply mailwright() {
        return extractor.extract(input);
    }
}
