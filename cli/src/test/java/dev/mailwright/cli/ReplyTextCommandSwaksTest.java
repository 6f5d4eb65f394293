package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailwright.core.testing.Peers;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * End to end with real peers: swaks (a real SMTP client) delivers a Gmail-style reply
 * (multipart/alternative, quoted-printable text, base64 HTML, a line that needs dot-stuffing) to
 * GreenMail; the message as received is saved as .eml and {@code mailwright reply-text} reads it.
 */
class ReplyTextCommandSwaksTest {
    private static final String RAW = String.join("\r\n",
            "From: =?UTF-8?Q?J=C3=B6rg_Weber?= <joerg@example.de>",
            "To: reply+i-1-0123456789abcdef0123456789abcdef01234567-5@reply.tracker.example",
            "Subject: Re: [acme/api] Export times out (#2041)",
            "Message-ID: <reply-1@example.de>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Danke, das Update l=C3=A4uft jetzt auf allen Knoten.",
            ".hidden files are fine too.",
            "",
            "Am Di., 12. M=C3=A4rz 2024 um 10:15 Uhr schrieb Tracker <notifications@tracker=",
            ".example>:",
            "",
            "> Lena commented on #2041.",
            "> Reply to this email directly or view it on Tracker.",
            "--b1",
            "Content-Type: text/html; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            "PGRpdj5EYW5rZTwvZGl2Pg==",
            "--b1--",
            "");

    @TempDir
    Path dir;

    private GreenMail greenMail;

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(Peers.freePort(), "127.0.0.1", "smtp"));
        greenMail.start();
    }

    @AfterEach
    void stopGreenMail() {
        greenMail.stop();
    }

    @Test
    void replyDeliveredBySwaks_givesOnlyTheNewText() throws Exception {
        Path swaks = Peers.require("swaks", "swaks");
        Path data = Files.writeString(dir.resolve("data.txt"), RAW, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(swaks.toString(), "--server", "127.0.0.1:" + greenMail.getSmtp().getPort(),
                "--from", "joerg@example.de", "--to", "reply+i-1-x-5@reply.tracker.example",
                "--data", "@" + data).redirectErrorStream(true).start();
        String transcript = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(transcript).isZero();
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();

        MimeMessage received = greenMail.getReceivedMessages()[0];
        Path eml = dir.resolve("received.eml");
        try (OutputStream out = Files.newOutputStream(eml)) {
            received.writeTo(out);
        }
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("reply-text", "--json", eml.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("{\"ok\":true,\"command\":\"reply-text\",\"result\":"
                + "{\"text\":\"Danke, das Update läuft jetzt auf allen Knoten.\\n"
                + ".hidden files are fine too.\",\"removed\":\"Am Di., 12. März 2024 um 10:15 Uhr schrieb "
                + "Tracker <notifications@tracker.example>:\\n\\n> Lena commented on #2041.\\n"
                + "> Reply to this email directly or view it on Tracker.\"")
                .contains("\"source\":\"message\"");
        assertThat(List.of(received.getAllRecipients())).hasSize(1);
    }
}
