package dev.mailwright.benchmarks.inbound;

import dev.mailwright.core.BounceAddressCodec;
import dev.mailwright.core.BounceTarget;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import dev.mailwright.inbound.bounce.BounceOutcome;
import dev.mailwright.inbound.bounce.BounceRecognizer;
import dev.mailwright.inbound.internal.CachedServiceLoader;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
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
 * Bounce recognition and classification per message ({@link BounceRecognizer#recognize}), beside
 * its floor in the same run: Angus parsing the same bytes and reading every part once
 * ({@code parseFloor}), which any MIME-based recognizer pays. Read the ratio recognize/parseFloor
 * per sample; absolute numbers move with the machine's load.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar BounceClassificationBenchmark}
 *
 * <p>Samples: {@code dsn} a Postfix-style RFC 3464 report with the returned headers (about 2 KB),
 * {@code qmail} a text bounce, {@code arf} a complaint with the reported message, {@code reply} an
 * ordinary 4 KB reply (the path every non-bounce takes), {@code huge} a 2 MB delivery-status part
 * (read up to its 64 KB limit).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BounceClassificationBenchmark {
    private static final Session SESSION = Session.getInstance(new Properties());

    @Param({"dsn", "qmail", "arf", "reply", "huge"})
    String sample;

    private BounceRecognizer recognizer;
    private byte[] message;
    private List<String> envelope;

    /** Builds the recognizer and the sample. */
    @Setup
    public void setup() {
        BounceAddressCodec codec = new BounceAddressCodec(BenchMessages.KEYS, "noreply." + BenchMessages.HOST);
        String verp = codec.encode(new BounceTarget(new ReplyTarget(ThreadType.ISSUE, 1001, 5), "octocat@example.com"))
                .orElseThrow();
        recognizer = BounceRecognizer.builder().codec(codec).build();
        envelope = List.of(sample.equals("reply") ? BenchMessages.address(1, 5) : verp);
        message = (switch (sample) {
            case "dsn" -> dsn(verp, "");
            case "qmail" -> qmail(verp);
            case "arf" -> arf(verp);
            case "reply" -> BenchMessages.reply(1, 4096);
            default -> dsn(verp, huge());
        }).getBytes(StandardCharsets.UTF_8);
        if (!(recognizer.recognize(message, envelope) instanceof BounceOutcome.Bounce) && !sample.equals("reply")) {
            throw new IllegalStateException("sample " + sample + " is not recognised: " + recognizer.recognize(message, envelope));
        }
    }

    /** @return the outcome of one message */
    @Benchmark
    public BounceOutcome recognize() {
        return recognizer.recognize(message, envelope);
    }

    /**
     * @return the bytes read: Angus's parse and one read of every part (under the same cached
     *     service loader the recognizer uses), the floor of a MIME-based recognizer
     */
    @Benchmark
    public long parseFloor() throws Exception {
        return CachedServiceLoader.call(() -> read(new MimeMessage(SESSION, new ByteArrayInputStream(message))));
    }

    private static long read(Part part) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            long n = 0;
            for (int i = 0; i < mp.getCount(); i++) {
                n += read(mp.getBodyPart(i));
            }
            return n;
        }
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes(64 * 1024).length;
        }
    }

    private static String huge() {
        StringBuilder b = new StringBuilder();
        while (b.length() < 2_000_000) {
            b.append("Final-Recipient: rfc822; someone").append(b.length()).append("@example.net\nAction: failed\n")
                    .append("Status: 5.1.1\n\n");
        }
        return b.toString();
    }

    private static String dsn(String verp, String extraGroups) {
        return "Return-Path: <>\nDelivered-To: " + verp + "\nFrom: Mail Delivery System <MAILER-DAEMON@mta.test>\n"
                + "To: " + verp + "\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: <dsn-1@mta.test>\n"
                + "Auto-Submitted: auto-replied\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\n\n"
                + "--B1\nContent-Type: text/plain; charset=us-ascii\n\nThis is the mail system at host mta.test.\n\n"
                + "<octocat@example.com>: host 127.0.0.1[127.0.0.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)\n\n"
                + "--B1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mta.test\n"
                + "Arrival-Date: Thu, 26 Nov 2026 19:00:00 +0000\n\nFinal-Recipient: rfc822; octocat@example.com\n"
                + "Original-Recipient: rfc822;octocat@example.com\nAction: failed\nStatus: 5.1.1\n"
                + "Remote-MTA: dns; 127.0.0.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n\n" + extraGroups
                + "--B1\nContent-Type: text/rfc822-headers\n\nFrom: Mona Lisa <noreply@ghe.example.com>\n"
                + "To: noreply@ghe.example.com\nSubject: [octo/hello-world] Crash (#42)\n"
                + "Message-ID: <octo/hello-world/issues/42/c1@ghe.example.com>\n\n--B1--\n";
    }

    private static String qmail(String verp) {
        return "Return-Path: <>\nFrom: MAILER-DAEMON@mx.example.org\nTo: " + verp + "\nSubject: failure notice\n"
                + "Message-ID: <q-1@mx.example.org>\n\nHi. This is the qmail-send program at mx.example.org.\n"
                + "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
                + "This is a permanent error; I've given up. Sorry it didn't work out.\n\n<octocat@example.com>:\n"
                + "Sorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message.\n\n"
                + "Return-Path: <" + verp + ">\nSubject: [octo/hello-world] Crash (#42)\n";
    }

    private static String arf(String verp) {
        return "From: fbl@isp.example.net\nTo: abuse@ghe.example.com\nSubject: complaint\nMessage-ID: <arf-1@isp.example.net>\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=feedback-report; boundary=\"A\"\n\n"
                + "--A\nContent-Type: text/plain\n\nAn abuse report.\n\n--A\nContent-Type: message/feedback-report\n\n"
                + "Feedback-Type: abuse\nUser-Agent: ExampleFBL/1.0\nVersion: 1\nOriginal-Mail-From: <" + verp + ">\n"
                + "Original-Rcpt-To: <octocat@example.com>\n\n--A\nContent-Type: message/rfc822\n\nReturn-Path: <" + verp
                + ">\nFrom: noreply@ghe.example.com\nSubject: [octo/hello-world] Crash (#42)\n\nThe app crashes.\n\n--A--\n";
    }
}
