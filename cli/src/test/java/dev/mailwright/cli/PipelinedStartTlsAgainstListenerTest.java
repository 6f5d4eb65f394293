package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import dev.mailwright.core.TrustedCertificates;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.dns.testing.TestPki;
import dev.mailwright.inbound.InboundListener;
import dev.mailwright.inbound.TlsCredentials;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.SmtpTransport;
import dev.mailwright.smtp.spi.OutgoingMessage;
import dev.mailwright.smtp.transcript.TranscriptCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMTP transport's one-round-trip transaction over STARTTLS, against Mailwright's own
 * listener (which offers PIPELINING and STARTTLS; it lives here because smtp-client and inbound
 * may not depend on each other): MAIL, RCPT and DATA leave in one group inside TLS, each
 * recipient gets its own answer, and the text arrives intact.
 */
class PipelinedStartTlsAgainstListenerTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    @Test
    void startTlsTransaction_sendsMailRcptAndDataInOneGroup_andTheTextArrivesIntact() throws Exception {
        TestPki pki = new TestPki();
        TrustedCertificates trust = TrustedCertificates.fromPem(Files.writeString(dir.resolve("ca.pem"), pki.caPem()));
        KeyRing keys = KeyRing.of(HexFormat.of().parseHex(KEY));
        String valid = new ReplyAddressCodec(keys, "ghe.example.com").encode(new ReplyTarget(ThreadType.ISSUE, 1, 5));
        String forged = "reply+i-1-" + "0".repeat(40) + "-5@reply.ghe.example.com";
        byte[] text = ("From: Tim <tcook@icloud.com>\r\nTo: " + valid + "\r\nSubject: Re: hello\r\n"
                + "Message-ID: <pipelined-1@icloud.com>\r\n\r\nFirst line\r\n.starts with a dot\r\n.\r\nlast\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        TranscriptCapture capture = TranscriptCapture.builder().sslSocketFactory(trust.socketFactory()).build();

        SendResult result;
        try (InboundListener listener = InboundListener.builder().hostname("ghe.example.com").keyRing(keys)
                .maildir(dir.resolve("maildir")).bindAddress("127.0.0.1").port(0)
                .tls(TlsCredentials.of(pki.serverContext("localhost"))).enforceTls(true).build().start()) {
            EmailSettings settings = EmailSettings.builder().smtpHost("localhost").port(listener.port())
                    .security(ConnectionSecurity.STARTTLS_REQUIRED).noReplyAddress("noreply@ghe.example.com")
                    .hostname("ghe.example.com").heloDomain("mx.icloud.com").build();
            try (SmtpTransport transport = SmtpTransport.builder().settings(settings).trustedCertificates(trust)
                    .sessionProperties(capture.sessionProperties()).build()) {
                result = transport.send(new OutgoingMessage("<pipelined-1@icloud.com>", "tcook@icloud.com",
                        List.of(valid, forged), text, Instant.now().plusSeconds(30)));
            }
        }

        assertThat(result).isInstanceOf(SendResult.Sent.class);
        SendResult.Sent sent = (SendResult.Sent) result;
        assertThat(sent.recipients()).hasSize(2);
        assertThat(sent.recipients().get(0).accepted()).isTrue();
        assertThat(sent.recipients().get(1).accepted()).isFalse();
        assertThat(sent.recipients().get(1).reply().code()).isEqualTo(550);
        try (Stream<Path> files = Files.list(dir.resolve("maildir/new"))) {
            assertThat(files.toList()).singleElement().satisfies(f -> assertThat(Files.readString(f))
                    .contains("\r\n\r\nFirst line\r\n.starts with a dot\r\n.\r\nlast\r\n"));
        }
        // after TLS started: the client's MAIL, both RCPTs and DATA come before the server's first answer to them
        List<TranscriptEvent> events = capture.transcript().events();
        int tls = indexOf(events, e -> e instanceof TranscriptEvent.TlsStarted);
        assertThat(tls).as("TLS started").isNotNegative();
        List<String> afterMail = new ArrayList<>();
        boolean inTransaction = false;
        for (TranscriptEvent e : events.subList(tls, events.size())) {
            if (e instanceof TranscriptEvent.Line line) {
                inTransaction |= line.text().startsWith("MAIL FROM:");
                if (inTransaction) {
                    afterMail.add((line.direction() == TranscriptEvent.Direction.CLIENT ? "C " : "S ") + line.text());
                }
            }
        }
        assertThat(afterMail).hasSizeGreaterThan(5);
        assertThat(afterMail.subList(0, 5)).as(String.join("\n", afterMail)).satisfiesExactly(
                l -> assertThat(l).startsWith("C MAIL FROM:<tcook@icloud.com>"),
                l -> assertThat(l).startsWith("C RCPT TO:<" + valid + ">"),
                l -> assertThat(l).startsWith("C RCPT TO:<" + forged + ">"),
                l -> assertThat(l).startsWith("C DATA"),
                l -> assertThat(l).startsWith("S 250"));
    }

    private static int indexOf(List<TranscriptEvent> events, java.util.function.Predicate<TranscriptEvent> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
