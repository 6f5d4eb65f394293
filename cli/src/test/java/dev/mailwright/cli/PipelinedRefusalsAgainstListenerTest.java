package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import dev.mailwright.core.smtp.FailureCategory;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.inbound.InboundListener;
import dev.mailwright.inbound.ListenerLimits;
import dev.mailwright.inbound.TlsCredentials;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.SmtpTransport;
import dev.mailwright.smtp.spi.OutgoingMessage;
import dev.mailwright.smtp.transcript.TranscriptAnalyzer;
import dev.mailwright.smtp.transcript.TranscriptCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals inside a pipelined group (MAIL, RCPT and DATA sent together), against Mailwright's own
 * listener, which offers PIPELINING (smtp-sink stops offering it as soon as it is told to refuse
 * something): the sender gets the right category per refused command, the transcript analyzer
 * names the refused command, and the connection carries the next message.
 */
class PipelinedRefusalsAgainstListenerTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final KeyRing KEYS = KeyRing.of(HexFormat.of().parseHex(KEY));
    private static final String VALID = new ReplyAddressCodec(KEYS, "ghe.example.com")
            .encode(new ReplyTarget(ThreadType.ISSUE, 1, 5));

    @TempDir
    Path dir;

    private InboundListener listener(boolean enforceTls, long maxBytes) {
        return InboundListener.builder().hostname("ghe.example.com").keyRing(KEYS).maildir(dir.resolve("maildir"))
                .bindAddress("127.0.0.1").port(0).limits(ListenerLimits.builder().maxMessageBytes(maxBytes).build())
                .tls(TlsCredentials.selfSigned("reply.ghe.example.com")).enforceTls(enforceTls).build().start();
    }

    private static SmtpTransport plainTransport(int port, TranscriptCapture capture) {
        EmailSettings settings = EmailSettings.builder().smtpHost("127.0.0.1").port(port).security(ConnectionSecurity.NONE)
                .noReplyAddress("noreply@ghe.example.com").hostname("ghe.example.com").heloDomain("mx.icloud.com").build();
        return SmtpTransport.builder().settings(settings).maxConnections(1).sessionProperties(capture.sessionProperties())
                .build();
    }

    private static OutgoingMessage message(String id, String to, int bodyBytes) {
        byte[] text = ("From: tcook@icloud.com\r\nTo: " + to + "\r\nSubject: Re: x\r\nMessage-ID: " + id + "\r\n\r\n"
                + "x".repeat(bodyBytes) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return new OutgoingMessage(id, "tcook@icloud.com", List.of(to), text, Instant.now().plusSeconds(30));
    }

    private static SendResult.Failed failed(SendResult r) {
        assertThat(r).isInstanceOf(SendResult.Failed.class);
        return (SendResult.Failed) r;
    }

    @Test
    void mailRefused_becauseTlsIsEnforced_isTlsRequired_andAnalysedAsSuch() {
        TranscriptCapture capture = TranscriptCapture.create();
        try (InboundListener listener = listener(true, 100_000);
                SmtpTransport transport = plainTransport(listener.port(), capture)) {
            SendResult.Failed r = failed(transport.send(message("<m1@icloud.com>", VALID, 10)));
            assertThat(r.category()).isEqualTo(FailureCategory.TLS_REQUIRED);
            assertThat(r.reply().code()).isEqualTo(530);
            SendResult.Failed again = failed(transport.send(message("<m2@icloud.com>", VALID, 10)));
            assertThat(again.reply().code()).as("the connection was reset, not confused").isEqualTo(530);
        }
        assertThat(TranscriptAnalyzer.standard().analyze(capture.transcript()).failure())
                .contains(FailureClass.STARTTLS_REQUIRED_BY_SERVER);
    }

    @Test
    void foreignRecipientRefused_isRelayDenied_andTheNextMessageGoesThrough() {
        TranscriptCapture capture = TranscriptCapture.create();
        try (InboundListener listener = listener(false, 100_000);
                SmtpTransport transport = plainTransport(listener.port(), capture)) {
            SendResult.Failed r = failed(transport.send(message("<m1@icloud.com>", "someone@example.org", 10)));
            // 550 5.1.2 "... does not relay": a foreign domain is a relay refusal
            assertThat(r.category()).isEqualTo(FailureCategory.RELAY_DENIED);
            assertThat(r.reply().code()).isEqualTo(550);
            assertThat(r.recipients()).singleElement().satisfies(s -> assertThat(s.accepted()).isFalse());
            assertThat(TranscriptAnalyzer.standard().analyze(capture.transcript()).failure())
                    .contains(FailureClass.RELAY_DENIED);
            assertThat(transport.send(message("<m2@icloud.com>", VALID, 10))).isInstanceOf(SendResult.Sent.class);
            assertThat(listener.acceptedCount()).isEqualTo(1);
        }
    }

    @Test
    void textRefusedAtItsEnd_forItsSize_isMessageRejected_andTheNextMessageGoesThrough() {
        TranscriptCapture capture = TranscriptCapture.create();
        try (InboundListener listener = listener(false, 2_000);
                SmtpTransport transport = plainTransport(listener.port(), capture)) {
            SendResult.Failed r = failed(transport.send(message("<m1@icloud.com>", VALID, 5_000)));
            assertThat(r.category()).isEqualTo(FailureCategory.MESSAGE_REJECTED);
            assertThat(r.reply().code()).isEqualTo(552);
            assertThat(TranscriptAnalyzer.standard().analyze(capture.transcript()).failure())
                    .contains(FailureClass.MESSAGE_TOO_LARGE);
            assertThat(transport.send(message("<m2@icloud.com>", VALID, 10))).isInstanceOf(SendResult.Sent.class);
            assertThat(listener.acceptedCount()).isEqualTo(1);
        }
    }
}
