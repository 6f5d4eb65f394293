package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random byte streams into the listener's command and data readers, over real sockets (issue 13):
 * no exception escapes a session and nothing is logged as a warning or an error (nor any stack
 * trace: every line since the exchange began is an INFO line or below), no message is
 * stored without its own {@code <CR><LF>.<CR><LF>}, a message's text is exactly what came before
 * its terminator, and the listener serves the next client. Long runs of one piece check that what
 * a session holds is bounded by the limits, not by what the client sends.
 */
class ListenerFuzzProperties {
    private static final String REPLY = Fixtures.replyAddress(1, 5);
    private static final Path LOG = Path.of("target/inbound-test.log");
    private static Path dir;
    private static InboundListener listener;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("mw-fuzz");
        listener = InboundListener.builder().hostname(Fixtures.HOST).keyRing(Fixtures.KEYS).maildir(dir.resolve("maildir"))
                .port(0).tls(TlsCredentials.selfSigned("reply." + Fixtures.HOST))
                .limits(ListenerLimits.builder().maxMessageBytes(64 * 1024).commandTimeout(Duration.ofSeconds(10)).build())
                .build().start();
    }

    @AfterContainer
    static void stop() throws IOException {
        listener.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 200)
    void randomCommandStreams_neverBreakTheListener(@ForAll("commands") List<String> pieces) throws Exception {
        String stream = String.join("", pieces);
        Outcome o = exchange(stream);

        assertThat(o.accepted()).isLessThanOrEqualTo(terminators(stream));
        assertThat(o.problems()).isEmpty();
        assertHealthy();
    }

    @Property(tries = 200)
    void randomMessageTexts_endOnlyAtTheirOwnTerminator(@ForAll("texts") List<String> pieces) throws Exception {
        String text = String.join("", pieces);
        String data = text + "\r\n.\r\n";
        int end = ("\r\n" + data).indexOf("\r\n.\r\n");
        String consumed = data.substring(0, end);
        String rest = data.substring(end + 3);
        boolean bare = consumed.replace("\r\n", "").indexOf('\r') >= 0 || consumed.replace("\r\n", "").indexOf('\n') >= 0;

        Outcome o = exchange("EHLO fuzz.example\r\nMAIL FROM:<fuzz@example.org>\r\nRCPT TO:<" + REPLY + ">\r\nDATA\r\n" + data);

        assertThat(o.problems()).isEmpty();
        if (bare) {
            assertThat(o.replies()).anyMatch(r -> r.startsWith("554 5.6.11"));
            assertThat(o.accepted()).isZero();
        } else {
            assertThat(o.accepted()).isBetween(1L, 1L + terminators(rest));
            assertThat(o.messages()).anyMatch(m -> withoutAddedId(afterTrace(m)).equals(unstuffed(consumed)));
        }
        assertHealthy();
    }

    /** A long run of one piece (up to 2 MB) against a 64 KB limit: refused or cut off, never held. */
    @Property(tries = 20)
    void longRuns_areRefused_notHeld(@ForAll("runs") String run, @ForAll boolean inData) throws Exception {
        String stream = inData ? "EHLO fuzz.example\r\nMAIL FROM:<fuzz@example.org>\r\nRCPT TO:<" + REPLY + ">\r\nDATA\r\n"
                + run + "\r\n.\r\n" : run + "\r\n";

        Outcome o = exchange(stream);

        assertThat(o.accepted()).isZero();
        assertThat(o.problems()).isEmpty();
        if (inData) {
            assertThat(o.replies()).anyMatch(r -> r.startsWith("552 5.3.4") || r.startsWith("554 5.6.11"));
        }
        assertHealthy();
    }

    @Provide
    Arbitrary<List<String>> commands() {
        Arbitrary<String> fixed = Arbitraries.of("EHLO x\r\n", "HELO x\r\n", "MAIL FROM:<a@b.example>\r\n",
                "MAIL FROM:<a@b.example> SIZE=99999999999999999999\r\n", "MAIL FROM:<> SIZE=-1\r\n", "MAIL FROM:<<<>>>\r\n",
                "MAIL FROM:\r\n", "MAIL FROM:<a@b.example> BODY=8BITMIME SMTPUTF8\r\n", "RCPT TO:<" + REPLY + ">\r\n",
                "RCPT TO:<mention@noreply." + Fixtures.HOST + ">\r\n", "RCPT TO:<\"a b\"@noreply." + Fixtures.HOST + ">\r\n",
                "RCPT TO:<@a,@b:c@reply." + Fixtures.HOST + ">\r\n", "RCPT TO:\r\n", "RCPT TO:<" + Fixtures.forgedAddress() + ">\r\n",
                "DATA\r\n", "BDAT 5 LAST\r\n", "BDAT 0\r\n", "BDAT x\r\n", "RSET\r\n", "NOOP\r\n", "VRFY a\r\n", "EXPN a\r\n",
                "HELP\r\n", "HELP DATA\r\n", "STARTTLS\r\n", "AUTH PLAIN AAAA\r\n", "\r\n", "\n", "\r", ".", "\r\n.\r\n", "\n.\n",
                "\r.\r", "\u0000", "\u00ff\u00fe\u00c3", "Subject: x\r\n", "X".repeat(1200) + "\r\n", " ", ":", "<", ">");
        Arbitrary<String> random = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(24);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, fixed), net.jqwik.api.Tuple.of(1, random)).list()
                .ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<String>> texts() {
        Arbitrary<String> fixed = Arbitraries.of("\r\n", "\n", "\r", ".", "..", "\r\n.", "\r\n..\r\n", "\n.\n", "\r.\r",
                "\r\n.\n", "\n.\r\n", "Subject: x\r\n", "Message-ID: <fixed@example.org>\r\n", "\r\n\r\n", "MAIL FROM:<a@b.example>\r\n",
                "RCPT TO:<" + REPLY + ">\r\n", "DATA\r\n", "QUIT\r\n", "word ", "\u0000", "\u00e9");
        Arbitrary<String> random = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(16);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, fixed), net.jqwik.api.Tuple.of(1, random)).list()
                .ofMaxSize(30);
    }

    @Provide
    Arbitrary<String> runs() {
        return Arbitraries.of("x", "\r", "\n", "Subject: ", ".", " \t", "\r\n ").flatMap(piece -> Arbitraries.integers()
                .between(70_000, 2_000_000 / piece.length()).map(piece::repeat));
    }

    private record Outcome(List<String> replies, long accepted, List<String> messages, List<String> problems) {
    }

    /** Sends the stream, half-closes, reads every reply until the listener closes; returns what changed. */
    private static Outcome exchange(String stream) throws Exception {
        clearMaildir();
        long logStart = Files.exists(LOG) ? Files.size(LOG) : 0;
        long failed = listener.statistics().get("listener.session.failed");
        long accepted = listener.acceptedCount();
        List<String> replies = new ArrayList<>();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", listener.port()), 10_000);
            s.setSoTimeout(30_000);
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(stream.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    s.shutdownOutput();
                } catch (IOException e) {
                    // the listener closed the connection first
                }
            });
            writer.start();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            writer.join(30_000);
            for (String line : all.split("\r\n")) {
                if (!line.isEmpty()) {
                    replies.add(line);
                }
            }
        } catch (java.net.SocketException e) {
            replies.add("(connection reset: " + e.getMessage() + ")");
        }
        List<String> problems = new ArrayList<>(newLogProblems(logStart));
        if (listener.statistics().get("listener.session.failed") != failed) {
            problems.add("a session ended with an exception");
        }
        return new Outcome(replies, listener.acceptedCount() - accepted, messages(), problems);
    }

    private static List<String> newLogProblems(long from) throws IOException {
        if (!Files.exists(LOG)) {
            return List.of();
        }
        try (RandomAccessFile f = new RandomAccessFile(LOG.toFile(), "r")) {
            f.seek(from);
            byte[] b = new byte[(int) (f.length() - from)];
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.matches("\\[[^\\]]*\\] (INFO|DEBUG|TRACE) .*"))
                    .toList();
        }
    }

    private static void assertHealthy() throws IOException {
        try (RawSmtp c = RawSmtp.connect(listener.port())) {
            assertThat(c.reply()).startsWith("220");
            assertThat(c.command("NOOP")).startsWith("250");
        }
    }

    private static long terminators(String s) {
        String t = "\r\n" + s;
        long n = 0;
        for (int i = t.indexOf("\r\n.\r\n"); i >= 0; i = t.indexOf("\r\n.\r\n", i + 1)) {
            n++;
        }
        return n;
    }

    private static void clearMaildir() throws IOException {
        Path newDir = dir.resolve("maildir/new");
        if (Files.isDirectory(newDir)) {
            try (Stream<Path> s = Files.list(newDir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static List<String> messages() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.resolve("maildir/new"))) {
            for (Path p : s.toList()) {
                out.add(Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    /** @return the stored message after the listener's Return-Path, Delivered-To and Received lines */
    private static String afterTrace(String stored) {
        int received = stored.indexOf("\tfor <");
        return stored.substring(stored.indexOf("\r\n", received) + 2);
    }

    private static String withoutAddedId(String message) {
        return message.replaceFirst("Message-ID: <[0-9]+\\.[^>\r\n]*@reply\\." + Fixtures.HOST.replace(".", "\\.") + ">\r\n", "");
    }

    private static String unstuffed(String consumed) {
        if (consumed.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : consumed.split("\r\n", -1)) {
            out.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return out.substring(0, out.length() - 2);
    }
}
