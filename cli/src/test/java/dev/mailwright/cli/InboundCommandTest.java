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
        assertThat(out.toString().lines().toList()).singleElement().satisfies(line -> {
            assertThat(line).startsWith("{\"event\":\"reply\",\"target\":{\"type\":\"pull_request\",\"id\":42,\"user\":7}");
            assertThat(line).contains("\"text\":\"Looks \\\"good\\\"\"").contains("\"messageId\":\"<one@me.com>\"");
        });
        assertThat(err.toString()).contains("delivered 1, rejected 1");
        assertThat(Files.readString(dir.resolve("mail/incoming-mail/failure/1414630040.Vfc00I12001eM445785.ghe-example-com.reason")))
                .contains("address.missing");
    }

    @Test
    void listen_enforcesTls_storesAcceptedMail_andPrintsTheDeliveredReply() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), KEY + "\n");
        String address = new ReplyAddressCodec(KeyRing.of(HexFormat.of().parseHex(KEY)), "ghe.example.com")
                .encode(new ReplyTarget(ThreadType.ISSUE, 3, 9));
        int port = Peers.freePort();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Thread listener = new Thread(() -> cl.execute("inbound", "listen", "--port", Integer.toString(port),
                "--enforce-tls", "--maildir", dir.resolve("mail/reply").toString(), "--hostname", "ghe.example.com",
                "--key-file", keys.toString(), "--quiet"));
        listener.start();
        try {
            Peers.awaitPort(port, Duration.ofSeconds(20), null);
            assertThat(swaks(port, address)).isEqualTo(23);
            assertThat(swaks(port, address, "--tls", "--body", "Merged, thanks")).isZero();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!out.toString().contains("Merged, thanks") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            listener.interrupt();
            listener.join(10_000);
        }
        assertThat(out.toString().lines().toList()).as(err.toString()).singleElement()
                .satisfies(l -> assertThat(l).contains("\"type\":\"issue\",\"id\":3,\"user\":9").contains("Merged, thanks"));
        assertThat(listener.isAlive()).as("the command stops when its thread is interrupted").isFalse();
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
