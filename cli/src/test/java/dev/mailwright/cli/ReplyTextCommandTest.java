package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplyTextCommandTest {
    private static final String HEADER = "On Tue, Mar 12, 2024 at 10:15 AM Ann <ann@example.com> wrote:";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    /** A real multipart/alternative message written by Angus Mail, with an attachment. */
    private Path eml(String text, String html) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("jo@example.de"));
        message.setSubject("Re: Export times out", "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        alternative.addBodyPart(textPart);
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        alternative.addBodyPart(htmlPart);
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(alternative);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(wrapper);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setText("> not the body\n", "UTF-8");
        attachment.setFileName("notes.txt");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        mixed.addBodyPart(attachment);
        message.setContent(mixed);
        message.saveChanges();
        Path file = dir.resolve("reply.eml");
        try (OutputStream os = Files.newOutputStream(file)) {
            message.writeTo(os);
        }
        return file;
    }

    @Test
    void eml_printsTheNewTextOfTheTextPart() throws Exception {
        Path file = eml("Danke, läuft jetzt.\n\n" + HEADER + "\n> Läuft es?\n",
                "<div>HTML answer</div><blockquote type=\"cite\">Läuft es?</blockquote>");
        assertThat(run("reply-text", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo("Danke, läuft jetzt." + System.lineSeparator());
    }

    @Test
    void eml_usesTheHtmlPartWhenTheTextPartHasNoStructure() throws Exception {
        Path file = eml("Fine.\nold text kept unquoted\n",
                "<div>Fine.</div><blockquote type=\"cite\">old text kept unquoted</blockquote>");
        assertThat(run("reply-text", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().strip()).isEqualTo("Fine.");
    }

    @Test
    void json_addsTheRemovedPartAndTheConfidence() throws Exception {
        Path body = Files.writeString(dir.resolve("body.txt"), "Yes \"quoted\".\n\n" + HEADER + "\n> q\n");
        assertThat(run("reply-text", "--json", body.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().strip()).isEqualTo("{\"ok\":true,\"command\":\"reply-text\",\"result\":"
                + "{\"text\":\"Yes \\\"quoted\\\".\",\"removed\":\""
                + HEADER + "\\n> q\",\"confidence\":1.00,\"empty\":false,\"source\":\"body\"},\"problems\":[]}");
    }

    @Test
    void plainHtmlBody_isReadAsHtml() throws IOException {
        Path body = Files.writeString(dir.resolve("body.html"),
                "<html><body><p>Merged.</p><div class=\"gmail_quote\"><blockquote class=\"gmail_quote\">"
                        + "Merge?</blockquote></div></body></html>");
        assertThat(run("reply-text", body.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().strip()).isEqualTo("Merged.");
    }

    @Test
    void rawMessageWithoutEmlExtension_isRecognisedByItsHeaders() throws IOException {
        String raw = "Received: from a by b; Tue, 12 Mar 2024 10:20:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nSubject: Re: x\r\n\r\nOk.\r\n\r\n> q\r\n";
        Path file = Files.write(dir.resolve("message"), raw.getBytes(StandardCharsets.UTF_8));
        assertThat(run("reply-text", "--json", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("\"text\":\"Ok.\"").contains("\"source\":\"message\"");
    }

    @Test
    void sentOption_recognisesTheNotificationQuotedWithoutMarkers() throws IOException {
        Path sent = Files.writeString(dir.resolve("sent.txt"), "Lena commented on #7:\nThe export times out.\n");
        Path body = Files.writeString(dir.resolve("body.txt"), "Fixed.\n\nLena commented on #7:\nThe export times out.\n");
        assertThat(run("reply-text", "--sent", sent.toString(), body.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().strip()).isEqualTo("Fixed.");
    }

    @Test
    void onlyQuotedText_exitsOneAndSaysSo() throws IOException {
        Path body = Files.writeString(dir.resolve("quoted.txt"), HEADER + "\n> only a quote\n");
        assertThat(run("reply-text", body.toString())).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("no new text").contains("quoted.txt");
    }

    @Test
    void missingFile_isAnErrorNamingIt() {
        Path missing = dir.resolve("missing.eml");
        assertThat(run("reply-text", missing.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("cannot read FILE " + missing);
    }

    @Test
    void emlWithoutTextPart_isAnErrorSayingWhatToGive() throws IOException {
        String raw = "MIME-Version: 1.0\r\nContent-Type: image/png\r\nSubject: x\r\n\r\nAAAA\r\n";
        Path file = Files.write(dir.resolve("image.eml"), raw.getBytes(StandardCharsets.US_ASCII));
        assertThat(run("reply-text", file.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("without a text/plain or text/html part");
    }

    @Test
    void json_escapesControlCharacters() {
        assertThat(Json.write("a\tb\u0001\\")).isEqualTo("\"a\\tb\\u0001\\\\\"");
    }

    @Test
    void underTheCLocale_theCommandStillPrintsUtf8_soNothingIsLost() throws Exception {
        Path file = Files.writeString(dir.resolve("reply.txt"), "Das läuft jetzt ✓ — merci, café.\n", StandardCharsets.UTF_8);
        for (List<String> args : List.of(List.of("reply-text", file.toString()), List.of("reply-text", "--json", file.toString()))) {
            List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("LANG", "C");
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            byte[] stdout = p.getInputStream().readAllBytes();
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(stderr).isZero();
            assertThat(new String(stdout, StandardCharsets.UTF_8)).contains("Das läuft jetzt ✓ — merci, café.");
        }
    }
}
