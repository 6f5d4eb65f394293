package dev.mailwright.benchmarks.reply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of two builds of the reply-text extractor in one JVM and one run: "before" loaded
 * from the classes or jars given on the command line (the inbound and core modules of another
 * commit, e.g. {@code main}), "after" from this jar. On a shared machine separate runs differ by
 * more than the change being measured, so the two are interleaved in short slices (A, B, B, A, …)
 * of the measuring thread's CPU time, and each sample reports the median of the per-pair ratios
 * after / before, with its quartiles.
 *
 * <p>Build "before" from a clean copy of the other commit, then run:
 * <pre>
 * git archive main | tar -x -C /tmp/before &amp;&amp; (cd /tmp/before &amp;&amp; mvn -B -q -o -pl inbound -am -DskipTests package)
 * mvn -B -q -o -pl benchmarks -am -DskipTests package
 * java -cp benchmarks/target/benchmarks.jar dev.mailwright.benchmarks.reply.ReplyTextBeforeAfter \
 *     /tmp/before/inbound/target/classes /tmp/before/core/target/classes [pairs] [sliceMillis]
 * </pre>
 * Defaults: 40 pairs of 100 ms slices per sample, after 2 s of warm-up of each build. With
 * {@code --large}, the 5 MB bodies of {@link ReplyWorstCaseBenchmark} instead (give about 8 pairs
 * of 2,000 ms); the columns are then milliseconds per body, and the ratio is still after / before
 * in throughput (above 1: faster).
 */
public final class ReplyTextBeforeAfter {
    private static final String[] SAMPLES = {"top-posted", "interleaved", "outlook", "signature-mobile",
        "html-gmail", "html-outlook"};
    private static final String[] LARGE = {"text-5mb", "quoted-5mb", "interleaved-5mb", "pathological-5mb",
        "one-line-5mb", "html-5mb"};

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ReplyTextBeforeAfter() {
    }

    /**
     * @param args the "before" class folders or jars (inbound and core), then optionally the number
     *     of pairs and the slice length in milliseconds
     * @throws Throwable when a build cannot be loaded or fails
     */
    public static void main(String[] args) throws Throwable {
        List<URL> urls = new ArrayList<>();
        int pairs = 40;
        int slice = 100;
        List<String> numbers = new ArrayList<>();
        boolean large = false;
        for (String arg : args) {
            if (arg.equals("--large")) {
                large = true;
            } else if (arg.chars().allMatch(Character::isDigit)) {
                numbers.add(arg);
            } else {
                urls.add(Path.of(arg).toUri().toURL());
            }
        }
        if (urls.isEmpty()) {
            System.err.println("usage: ReplyTextBeforeAfter BEFORE_INBOUND_CLASSES BEFORE_CORE_CLASSES [pairs] [sliceMillis]");
            System.exit(2);
        }
        if (!numbers.isEmpty()) {
            pairs = Integer.parseInt(numbers.get(0));
        }
        if (numbers.size() > 1) {
            slice = Integer.parseInt(numbers.get(1));
        }
        Build before = new Build(new ChildFirstLoader(urls.toArray(URL[]::new), ReplyTextBeforeAfter.class.getClassLoader()));
        Build after = new Build(ReplyTextBeforeAfter.class.getClassLoader());
        System.out.printf(Locale.ROOT, "%-18s %12s %12s %8s %8s %8s%n", "sample",
                large ? "before ms" : "before op/ms", large ? "after ms" : "after op/ms", "ratio", "q1", "q3");
        for (String sample : large ? LARGE : SAMPLES) {
            compare(sample, large, before, after, pairs, slice);
        }
    }

    private static void compare(String sample, boolean large, Build before, Build after, int pairs, int slice)
            throws Throwable {
        String body = large ? ReplySamples.large(sample) : ReplySamples.typical(sample);
        boolean html = sample.startsWith("html-");
        Object inBefore = before.input(body, html);
        Object inAfter = after.input(body, html);
        run(before, inBefore, large ? 3 * slice : 2000);
        run(after, inAfter, large ? 3 * slice : 2000);
        double[] ratios = new double[pairs];
        double sumBefore = 0;
        double sumAfter = 0;
        for (int p = 0; p < pairs; p++) {
            boolean beforeFirst = p % 2 == 0;
            double a = beforeFirst ? run(before, inBefore, slice) : 0;
            double b = run(after, inAfter, slice);
            if (!beforeFirst) {
                a = run(before, inBefore, slice);
            }
            ratios[p] = b / a;
            sumBefore += a;
            sumAfter += b;
        }
        Arrays.sort(ratios);
        double b = sumBefore / pairs;
        double a = sumAfter / pairs;
        System.out.printf(Locale.ROOT, "%-18s %12.1f %12.1f %8.3f %8.3f %8.3f%n", sample, large ? 1 / b : b,
                large ? 1 / a : a, ratios[pairs / 2], ratios[pairs / 4], ratios[3 * pairs / 4]);
    }

    /**
     * @return operations per millisecond of this thread's CPU time over a slice of about
     *     {@code millis} of it: time the thread spent waiting for a core, which a shared machine
     *     hands out unevenly, does not count
     */
    private static double run(Build build, Object input, int millis) throws Throwable {
        long start = CPU.getCurrentThreadCpuTime();
        long end = start + millis * 1_000_000L;
        long now;
        long ops = 0;
        Object sink = null;
        do {
            sink = build.extract.invoke(build.extractor, input);
            ops++;
            now = CPU.getCurrentThreadCpuTime();
        } while (now < end);
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return ops / ((now - start) / 1e6);
    }

    /** One build of the extractor, called through method handles (the same cost for both). */
    private static final class Build {
        final Object extractor;
        final MethodHandle extract;
        final MethodHandle ofText;
        final MethodHandle ofHtml;

        Build(ClassLoader loader) throws Throwable {
            Class<?> api = Class.forName("dev.mailwright.inbound.reply.ReplyTextExtractor", true, loader);
            Class<?> input = Class.forName("dev.mailwright.inbound.reply.ReplyInput", true, loader);
            Class<?> output = Class.forName("dev.mailwright.inbound.reply.ExtractedReply", true, loader);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            extractor = lookup.findStatic(api, "standard", MethodType.methodType(api)).invoke();
            extract = lookup.findVirtual(api, "extract", MethodType.methodType(output, input))
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class));
            ofText = lookup.findStatic(input, "ofText", MethodType.methodType(input, String.class));
            ofHtml = lookup.findStatic(input, "ofHtml", MethodType.methodType(input, String.class));
        }

        Object input(String body, boolean html) throws Throwable {
            return html ? ofHtml.invoke(body) : ofText.invoke(body);
        }
    }

    /** Loads Mailwright's classes from the given locations first, everything else from the parent. */
    private static final class ChildFirstLoader extends URLClassLoader {
        ChildFirstLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.mailwright.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null || !name.startsWith("dev/mailwright/") ? (own != null ? own : super.getResource(name)) : null;
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            URL url = getResource(name);
            try {
                return url == null ? null : url.openStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
