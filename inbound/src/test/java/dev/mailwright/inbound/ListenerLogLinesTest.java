package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.testing.Peers;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener's log reads like {@code /var/log/mail.log} (the seed's troubleshooting step): one
 * INFO line per connection, MAIL, RCPT (with its reply), stored message (Message-ID, size, TLS,
 * file) and disconnect, refusals included. The test log goes to {@code target/inbound-test.log}.
 */
class ListenerLogLinesTest {
    private static final Path LOG = Path.of("target/inbound-test.log");

    @TempDir
    Path dir;

    private static long logSize() throws Exception {
        // slf4j-simple truncates its file when the first logger is made: make one before measuring
        org.slf4j.LoggerFactory.getLogger(ListenerLogLinesTest.class).debug("measuring the log");
        return Files.exists(LOG) ? Files.size(LOG) : 0;
    }

    /** @return the log lines written since {@code from}, once the listener has closed (its last line is the disconnect) */
    private static List<String> linesSince(long from) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(LOG.toFile(), "r")) {
            f.seek(from);
            byte[] b = new byte[(int) (f.length() - from)];
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void aSessionWithARefusalAndAStoredMessage_isOneLinePerStep() throws Exception {
        long from = logSize();
        try (InboundListener listener = Fixtures.listener(dir).build().start()) {
            try (RawSmtp c = RawSmtp.connect(listener.port())) {
                c.send("EHLO mx.icloud.com\r\nMAIL FROM:<tcook@icloud.com> SIZE=200\r\nRCPT TO:<" + Fixtures.forgedAddress()
                        + ">\r\nRCPT TO:<" + Fixtures.replyAddress(1, 5) + ">\r\nDATA\r\nMessage-ID: <log-1@icloud.com>\r\n"
                        + "Subject: Re: x\r\n\r\nLGTM\r\n.\r\nQUIT\r\n");
                assertThat(c.repliesUntilClosed(20)).contains("250 2.0.0 Ok", "221 Bye");
            }
        }
        List<String> lines = linesSince(from);
        String session = lines.stream().filter(l -> l.contains(": connect from 127.0.0.1")).findFirst().orElseThrow()
                .replaceAll(".* - ([^:]+): connect from.*", "$1");
        List<String> mine = lines.stream().filter(l -> l.contains(" - " + session + ": ")).map(l -> l.substring(l.indexOf(" - ") + 3))
                .toList();
        assertThat(mine).hasSize(6);
        assertThat(mine.get(0)).isEqualTo(session + ": connect from 127.0.0.1");
        assertThat(mine.get(1)).isEqualTo(session + ": MAIL from=<tcook@icloud.com> size=200 helo=mx.icloud.com tls=no: 250 2.1.0 Ok");
        assertThat(mine.get(2)).startsWith(session + ": RCPT from=<tcook@icloud.com> to=<" + Fixtures.forgedAddress()
                + "> client=127.0.0.1: 550 5.7.1 Reply address");
        assertThat(mine.get(3)).isEqualTo(session + ": RCPT from=<tcook@icloud.com> to=<" + Fixtures.replyAddress(1, 5) + ">: 250");
        assertThat(mine.get(4)).matches(java.util.regex.Pattern.quote(session + ": stored message-id=<log-1@icloud.com>"
                + " from=<tcook@icloud.com> nrcpt=1 size=") + "\\d+ tls=no in .*/maildir/new/.+: 250 2\\.0\\.0 Ok");
        assertThat(mine.get(5)).matches(java.util.regex.Pattern.quote(session + ": disconnect from 127.0.0.1 after ")
                + "[0-9.]+ s: ehlo=1 mail=1 rcpt=2 data=1 quit=1 commands=6");
    }

    @Test
    void tlsRefusalsAndTlsSessions_sayWhichTheyAre() throws Exception {
        long from = logSize();
        try (InboundListener listener = Fixtures.listener(dir).tls(TlsCredentials.selfSigned("reply." + Fixtures.HOST))
                .enforceTls(true).build().start()) {
            try (RawSmtp c = RawSmtp.connect(listener.port())) {
                c.send("EHLO plain.example\r\nMAIL FROM:<plain@example.org>\r\nQUIT\r\n");
                assertThat(c.repliesUntilClosed(10)).anyMatch(r -> r.startsWith("530 5.7.0"));
            }
            Path swaks = Peers.require("swaks", "swaks");
            Process p = new ProcessBuilder(swaks.toString(), "--server", "127.0.0.1:" + listener.port(), "--tls", "--helo",
                    "mx.icloud.com", "--from", "tcook@icloud.com", "--to", Fixtures.replyAddress(1, 5), "--timeout", "20")
                    .redirectErrorStream(true).start();
            String transcript = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(transcript).isZero();
        }
        List<String> lines = linesSince(from);
        assertThat(lines).anyMatch(l -> l.endsWith(": MAIL from=<plain@example.org> helo=plain.example tls=no:"
                + " 530 5.7.0 Must issue a STARTTLS command first"));
        assertThat(lines).anyMatch(l -> l.matches(".*: STARTTLS from 127\\.0\\.0\\.1: TLSv1\\.[23] TLS_.*"));
        assertThat(lines).anyMatch(l -> l.matches(".*: stored message-id=<[^>]+> from=<tcook@icloud\\.com> nrcpt=1 size=\\d+"
                + " tls=yes in .*: 250 2\\.0\\.0 Ok"));
    }
}
