package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
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
            assertThat(line).startsWith("{\"target\":{\"type\":\"pull_request\",\"id\":42,\"user\":7}");
            assertThat(line).contains("\"text\":\"Looks \\\"good\\\"\"").contains("\"messageId\":\"<one@me.com>\"");
        });
        assertThat(err.toString()).contains("delivered 1, rejected 1");
        assertThat(Files.readString(dir.resolve("mail/incoming-mail/failure/1414630040.Vfc00I12001eM445785.ghe-example-com.reason")))
                .contains("address.missing");
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
