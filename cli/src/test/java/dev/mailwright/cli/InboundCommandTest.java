package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import dev.mailwright.core.testing.Peers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InboundCommandTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    @Test
    void run_printsEachDeliveredReplyAsOneJsonLine_andFilesTheMessages() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), KEY + "\n");
        String address = new ReplyAddressCodec(KeyRing.of(HexFormat.of().parseHex(KEY)), "ghe.example.com")
                .encode(new ReplyTarget(ThreadType.PULL_REQUEST, 42, 7));
        Path maildir = dir.resolve("mail/reply");
        for (String d : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir.resolve(d));
        }
        Files.writeString(maildir.resolve("new/1414630039.Vfc00I12000eM445784.ghe-example-com"),
                "Return-Path: <tcook@icloud.com>\nDelivered-To: " + address + "\nFrom: Tim <tcook@icloud.com>\nTo: "
                + address + "\nSubject: Re: PR\nMessage-ID: <one@me.com>\n\nLooks \"good\"\n\n> quoted\n");
        Files.writeString(maildir.resolve("new/1414630040.Vfc00I12001eM445785.ghe-example-com"),
                "From: someone@example.org\nTo: nobody@example.org\nMessage-ID: <two@x>\n\nspam\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("inbound", "run", "--maildir", maildir.toString(), "--hostname", "ghe.example.com",
                "--key-file", keys.toString(), "--quiet");

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).filteredOn(l -> l.startsWith("{\"event\":\"reply\"")).singleElement().satisfies(line -> {
            assertThat(line).startsWith("{\"event\":\"reply\",\"target\":{\"type\":\"pull-request\",\"id\":42,\"user\":7}");
            assertThat(line).contains("\"text\":\"Looks \\\"good\\\"\"").contains("\"messageId\":\"<one@me.com>\"");
            // file is where the message was filed, not where it arrived
            assertThat(line).endsWith("\"file\":\"" + dir.resolve("mail/incoming-mail/success/1414630039.Vfc00I12000eM445784"
                    + ".ghe-example-com").toAbsolutePath().normalize() + "\"}");
        });
        // every disposition has its event: the message without a reply address was rejected, with its reason
        assertThat(lines).filteredOn(l -> l.startsWith("{\"event\":\"rejected\"")).singleElement().satisfies(line ->
                assertThat(line).contains("\"code\":\"address.missing\"", "\"reason\":",
                        "incoming-mail/failure/1414630040.Vfc00I12001eM445785.ghe-example-com\"}"));
        assertThat(lines).hasSize(2);
        assertThat(err.toString()).contains("delivered 1, rejected 1");
        assertThat(Files.readString(dir.resolve("mail/incoming-mail/failure/1414630040.Vfc00I12001eM445785.ghe-example-com.reason")))
                .contains("address.missing");
    }

    /** A running {@code mailwright inbound listen} on a free port, with what it printed. */
    private record Listening(Thread thread, int port, StringWriter out, StringWriter err) implements AutoCloseable {
        /** Waits up to 20 s for a printed line containing {@code text}. */
        void awaitOutput(String text) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!out.toString().contains(text) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    private Listening listen(String... options) throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), KEY + "\n");
        int port = Peers.freePort();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("inbound", "listen", "--port", Integer.toString(port),
                "--maildir", dir.resolve("mail/reply").toString(), "--hostname", "ghe.example.com",
                "--key-file", keys.toString(), "--quiet"));
        args.addAll(List.of(options));
        Thread listener = new Thread(() -> cl.execute(args.toArray(String[]::new)));
        listener.start();
        Peers.awaitPort(port, Duration.ofSeconds(20), null);
        return new Listening(listener, port, out, err);
    }

    private static String address(ThreadType type, long id) {
        return new ReplyAddressCodec(KeyRing.of(HexFormat.of().parseHex(KEY)), "ghe.example.com")
                .encode(new ReplyTarget(type, id, 9));
    }

    @Test
    void listen_enforcesTls_storesAcceptedMail_andPrintsTheDeliveredReply() throws Exception {
        String address = address(ThreadType.ISSUE, 3);
        Listening listening = listen("--enforce-tls");
        try (listening) {
            assertThat(swaks(listening.port(), address)).isEqualTo(23);
            assertThat(swaks(listening.port(), address, "--tls", "--body", "Merged, thanks")).isZero();
            listening.awaitOutput("Merged, thanks");
        }
        assertThat(listening.out().toString().lines().toList()).as(listening.err().toString()).singleElement()
                .satisfies(l -> assertThat(l).contains("\"type\":\"issue\",\"id\":3,\"user\":9").contains("Merged, thanks"));
        assertThat(listening.thread().isAlive()).as("the command stops when its thread is interrupted").isFalse();
    }

    @Test
    void listen_withASpool_acknowledgesThroughIt_andTheReplyIsStillDelivered() throws Exception {
        Listening listening = listen("--spool", dir.resolve("spool").toString());
        try (listening) {
            assertThat(swaks(listening.port(), address(ThreadType.PULL_REQUEST, 12), "--body", "Spooled, then delivered"))
                    .isZero();
            listening.awaitOutput("Spooled, then delivered");
        }
        assertThat(listening.out().toString().lines().toList()).as(listening.err().toString()).singleElement()
                .satisfies(l -> assertThat(l).contains("\"type\":\"pull-request\",\"id\":12").contains("Spooled, then delivered"));
        try (java.util.stream.Stream<Path> s = Files.list(dir.resolve("spool"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".spool")).toList()).as("delivered segments are deleted").isEmpty();
        }
    }

    /** The listener's limits on the command line: a second connection from one address, and an idle one, are cut. */
    @Test
    void listen_limitsFromTheCommandLine_capConnectionsPerClient_andTimeOutIdleOnes() throws Exception {
        Listening listening = listen("--max-connections-per-client", "1", "--command-timeout", "2s");
        // from 127.0.0.3: the probe that waited for the port (from 127.0.0.1) may still hold its place
        try (listening; java.net.Socket first = new java.net.Socket("127.0.0.1", listening.port(),
                java.net.InetAddress.getByName("127.0.0.3"), 0)) {
            first.setSoTimeout(30_000);
            var in1 = new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream()));
            assertThat(in1.readLine()).startsWith("220");
            try (java.net.Socket second = new java.net.Socket("127.0.0.1", listening.port(),
                    java.net.InetAddress.getByName("127.0.0.3"), 0)) {
                second.setSoTimeout(30_000);
                var in2 = new java.io.BufferedReader(new java.io.InputStreamReader(second.getInputStream()));
                assertThat(in2.readLine()).startsWith("421 4.7.0").contains("too many connections from 127.0.0.3 (1)");
            }
            assertThat(in1.readLine()).as("the idle connection after the command timeout").startsWith("421");
        }
    }

    private static int swaks(int port, String to, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Peers.require("swaks", "swaks").toString(), "--server",
                "127.0.0.1:" + port, "--from", "dev@example.org", "--to", to));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void run_withoutHostName_saysWhatToPass() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), KEY + "\n");
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("inbound", "run", "--maildir", dir.resolve("m").toString(), "--key-file", keys.toString());

        assertThat(exit).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("--hostname");
    }
}
