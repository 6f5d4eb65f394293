package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The listener as a hostile sender on the internet tries it (issue 13), over real sockets: SMTP
 * smuggling, BDAT, parameters and addresses it must refuse, forged headers. Each test names the
 * defect it pins; the slow-sender and connection-cap tests are in {@link ListenerLimitsTest}.
 */
class ListenerHostileSenderTest {
    private static final String HIDDEN = "MAIL FROM:<security@bank.example>\r\nRCPT TO:<" + Fixtures.replyAddress(2, 7)
            + ">\r\nDATA\r\nFrom: Your Bank <security@bank.example>\r\nSubject: smuggled\r\n\r\nsmuggled\r\n";

    @TempDir
    Path dir;

    private InboundListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private InboundListener start(ListenerLimits limits) {
        listener = Fixtures.listener(dir).limits(limits).build().start();
        return listener;
    }

    private InboundListener start() {
        return start(ListenerLimits.DEFAULTS);
    }

    private List<String> stored() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("maildir/new"))) {
            List<String> out = new ArrayList<>();
            for (Path p : s.toList()) {
                out.add(Files.readString(p, StandardCharsets.ISO_8859_1));
            }
            return out;
        }
    }

    private static RawSmtp greeted(int port) throws IOException {
        RawSmtp c = RawSmtp.connect(port);
        assertThat(c.reply()).startsWith("220");
        assertThat(c.command("EHLO attacker.example")).startsWith("250");
        return c;
    }

    static Stream<Arguments> smuggling() {
        List<Arguments> out = new ArrayList<>();
        for (String t : List.of("\n.\n", "\n.\r\n", "\r\n.\n", "\r.\r", "\r\n.\r", "\r.\r\n")) {
            out.add(Arguments.of(t.replace("\r", "<CR>").replace("\n", "<LF>"), t, false));
            out.add(Arguments.of(t.replace("\r", "<CR>").replace("\n", "<LF>"), t, true));
        }
        return out.stream();
    }

    /**
     * Regression (issue 13, defect 1): {@code DataStream} took a bare LF as a line start, so
     * {@code <LF>.<LF>} ended the data and a second message hidden after it was accepted. Now the
     * bare line ending is refused with {@code 554 5.6.11}, the connection is closed, nothing is stored.
     */
    @ParameterizedTest(name = "{0}, pipelined: {2}")
    @MethodSource("smuggling")
    void smuggledSecondMessage_isRefused_andNothingIsStored(String name, String terminator, boolean pipelined)
            throws Exception {
        start();
        try (RawSmtp c = greeted(listener.port())) {
            String message = "From: tcook@icloud.com\r\nSubject: Re: x\r\n\r\nLGTM" + terminator + HIDDEN + ".\r\nQUIT\r\n";
            List<String> replies;
            if (pipelined) {
                c.send("MAIL FROM:<tcook@icloud.com>\r\nRCPT TO:<" + Fixtures.replyAddress(1, 5) + ">\r\nDATA\r\n" + message);
                replies = c.repliesUntilClosed(10);
            } else {
                assertThat(c.command("MAIL FROM:<tcook@icloud.com>")).startsWith("250");
                assertThat(c.command("RCPT TO:<" + Fixtures.replyAddress(1, 5) + ">")).startsWith("250");
                assertThat(c.command("DATA")).startsWith("354");
                c.send(message);
                replies = c.repliesUntilClosed(10);
            }
            assertThat(replies).last().asString().startsWith("554 5.6.11");
            assertThat(replies).noneMatch(r -> r.startsWith("250 2.0.0")).noneMatch(r -> r.startsWith("221"));
        }
        assertThat(stored()).isEmpty();
        assertThat(listener.acceptedCount()).isZero();
    }

    /** The same message with proper CRLF line endings and a lone dot inside a line is stored whole. */
    @Test
    void properLineEndings_withDotsInsideLines_areStoredWhole() throws Exception {
        start();
        try (RawSmtp c = greeted(listener.port())) {
            c.send("MAIL FROM:<tcook@icloud.com>\r\nRCPT TO:<" + Fixtures.replyAddress(1, 5) + ">\r\nDATA\r\n");
            c.send("Message-ID: <ok@icloud.com>\r\nSubject: Re: x\r\n\r\nLGTM .\r\n..leading dot\r\n.\r\nQUIT\r\n");
            assertThat(c.repliesUntilClosed(10)).containsSubsequence("354 End data with <CR><LF>.<CR><LF>", "250 2.0.0 Ok",
                    "221 Bye");
        }
        assertThat(stored()).singleElement().asString().contains("LGTM .\r\n.leading dot\r\n")
                .doesNotContain("smuggled");
    }

    /**
     * Regression (issue 13, defect 2): CHUNKING was advertised and a {@code BDAT} refused for size
     * left its bytes to be read as commands, delivering the message hidden in them. CHUNKING is no
     * longer offered; a chunk is read whole and refused, one over the limit ends the connection.
     */
    @Test
    void bdatChunks_areReadWholeAndRefused_neverTakenForCommands() throws Exception {
        start(ListenerLimits.builder().maxMessageBytes(10_000).build());
        try (RawSmtp c = greeted(listener.port())) {
            assertThat(c.command("EHLO attacker.example")).doesNotContain("CHUNKING");
            c.send("MAIL FROM:<tcook@icloud.com>\r\nRCPT TO:<" + Fixtures.replyAddress(1, 5) + ">\r\n");
            String chunk = "Subject: x\r\n\r\nhello\r\n.\r\n" + HIDDEN + ".\r\n";
            c.send("BDAT " + chunk.length() + " LAST\r\n" + chunk + "NOOP\r\n");
            assertThat(c.reply()).startsWith("250");
            assertThat(c.reply()).startsWith("250");
            assertThat(c.reply()).startsWith("502 5.5.1");
            assertThat(c.reply()).startsWith("250"); // the NOOP after the chunk: nothing in the chunk was a command
            String big = "x".repeat(200);
            c.send("MAIL FROM:<tcook@icloud.com>\r\nRCPT TO:<" + Fixtures.replyAddress(1, 5) + ">\r\nBDAT 20000 LAST\r\n"
                    + big + "\r\n" + HIDDEN + ".\r\n");
            List<String> replies = c.repliesUntilClosed(10);
            assertThat(replies).last().asString().startsWith("552 5.3.4");
            assertThat(replies).noneMatch(r -> r.startsWith("354"));
        }
        assertThat(stored()).isEmpty();
    }

    /** A chunk size that is not a number leaves the end of the chunk unknown: the connection ends. */
    @Test
    void bdatWithoutAReadableSize_endsTheConnection() throws Exception {
        start();
        try (RawSmtp c = greeted(listener.port())) {
            c.send("BDAT -5 LAST\r\n" + HIDDEN);
            assertThat(c.repliesUntilClosed(10)).singleElement().asString().startsWith("501 5.5.4");
        }
        assertThat(stored()).isEmpty();
    }

    /**
     * Regression (issue 13, defect 6): {@code SIZE=99999999999999999999} escaped as an exception (a
     * {@code 421} and two stack traces per connection) and {@code SIZE=-1} was accepted.
     */
    @Test
    void sizeParameter_tooLargeOrMalformed_isRefused_andTheSessionGoesOn() throws Exception {
        start(ListenerLimits.builder().maxMessageBytes(10_000).build());
        try (RawSmtp c = greeted(listener.port())) {
            assertThat(c.command("MAIL FROM:<a@icloud.com> SIZE=99999999999999999999")).startsWith("552 5.3.4");
            assertThat(c.command("MAIL FROM:<a@icloud.com> SIZE=10001")).startsWith("552 5.3.4");
            assertThat(c.command("MAIL FROM:<a@icloud.com> SIZE=-1")).startsWith("501 5.5.4");
            assertThat(c.command("MAIL FROM:<a@icloud.com> SIZE=")).startsWith("501 5.5.4");
            assertThat(c.command("MAIL FROM:<a@icloud.com> size=1e9")).startsWith("501 5.5.4");
            assertThat(c.command("MAIL FROM:<a@icloud.com> SIZE=00000000000000000000000100 BODY=8BITMIME")).startsWith("250");
            assertThat(c.command("QUIT")).startsWith("221");
        }
    }

    /**
     * Regression (issue 13, defect 10): any local part was accepted at {@code noreply.<hostname>} and
     * copied into {@code Delivered-To}; quoted strings, source routes and control characters are refused.
     */
    @Test
    void oddLocalParts_areRefused_atEitherDomain() throws Exception {
        start();
        String noreply = "@noreply." + Fixtures.HOST;
        try (RawSmtp c = greeted(listener.port())) {
            assertThat(c.command("MAIL FROM:<tcook@icloud.com>")).startsWith("250");
            assertThat(c.command("RCPT TO:<\"a b\"" + noreply + ">")).startsWith("501 5.1.3");
            assertThat(c.command("RCPT TO:<@relay.example,@x.example:mention" + noreply + ">")).startsWith("501 5.1.3");
            assertThat(c.command("RCPT TO:<a\u0001b" + noreply + ">")).startsWith("501 5.1.3");
            assertThat(c.command("RCPT TO:<" + "a".repeat(65) + noreply + ">")).startsWith("501 5.1.3");
            assertThat(c.command("RCPT TO:<mention" + noreply + ">")).startsWith("250");
            assertThat(c.command("RCPT TO:<" + Fixtures.forgedAddress() + ">")).startsWith("550 5.7.1")
                    .doesNotContain("expired").contains("forged or tampered with");
        }
    }

    /**
     * Regression (issue 13, defect 3): the sender's own {@code Authentication-Results} under the
     * instance's authserv-id reached the sender check as if the instance had written it. It is
     * stored renamed; results under another id pass unchanged.
     */
    @Test
    void authenticationResults_underTheInstancesOwnId_areRenamed_othersKept() throws Exception {
        listener = Fixtures.listener(dir).authServIds("mx.ghe.example.com").build().start();
        try (RawSmtp c = greeted(listener.port())) {
            c.send("MAIL FROM:<tcook@icloud.com>\r\nRCPT TO:<" + Fixtures.replyAddress(1, 5) + ">\r\nDATA\r\n");
            c.send("Authentication-Results: MX.ghe.example.com; dkim=pass header.d=bank.example; dmarc=pass\r\n"
                    + "Authentication-Results:\r\n (folded) mx.ghe.example.com;\r\n spf=pass\r\n"
                    + "Authentication-Results: mx.icloud.com; dkim=fail\r\n"
                    + "Message-ID: <ar@icloud.com>\r\nSubject: Re: x\r\n\r\nAuthentication-Results: mx.ghe.example.com; body\r\n"
                    + ".\r\nQUIT\r\n");
            assertThat(c.repliesUntilClosed(10)).contains("250 2.0.0 Ok");
        }
        String stored = stored().get(0);
        assertThat(stored).contains("\r\nX-Original-Authentication-Results: MX.ghe.example.com; dkim=pass")
                .contains("\r\nX-Original-Authentication-Results:\r\n (folded) mx.ghe.example.com;\r\n spf=pass\r\n")
                .contains("\r\nAuthentication-Results: mx.icloud.com; dkim=fail")
                .contains("\r\n\r\nAuthentication-Results: mx.ghe.example.com; body");
    }

    /**
     * Regression (issue 13, defect 4): a reply without a Message-ID was stored without one; the
     * listener adds one at the end of the header, as MTAs do, and keeps an existing one.
     */
    @Test
    void aMessageWithoutMessageId_getsOne_anExistingOneIsKept() throws Exception {
        start();
        try (RawSmtp c = greeted(listener.port())) {
            c.send("MAIL FROM:<tcook@icloud.com>\r\nRCPT TO:<" + Fixtures.replyAddress(1, 5) + ">\r\nDATA\r\n"
                    + "From: tcook@icloud.com\r\nSubject: Re: x\r\n\r\nLGTM\r\n.\r\n");
            c.send("MAIL FROM:<tcook@icloud.com>\r\nRCPT TO:<" + Fixtures.replyAddress(1, 5) + ">\r\nDATA\r\n"
                    + "From: tcook@icloud.com\r\nMessage-Id: <kept@icloud.com>\r\n\r\nLGTM\r\n.\r\nQUIT\r\n");
            assertThat(c.repliesUntilClosed(20)).filteredOn(r -> r.startsWith("250 2.0.0")).hasSize(2);
        }
        List<String> messages = stored();
        assertThat(messages).hasSize(2);
        assertThat(messages).anySatisfy(m -> assertThat(m).containsPattern(
                "\r\nSubject: Re: x\r\nMessage-ID: <[^>\r\n]+@reply\\.ghe\\.example\\.com>\r\n\r\nLGTM"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("Message-Id: <kept@icloud.com>\r\n\r\nLGTM")
                .doesNotContain("Message-ID:"));
    }

    /** A client that stops sending in the middle of the data is cut off, and nothing is kept. */
    @Test
    void aConnectionLostInsideData_keepsNothing_andTheListenerGoesOn() throws Exception {
        start(ListenerLimits.builder().commandTimeout(Duration.ofSeconds(30)).build());
        try (RawSmtp c = greeted(listener.port())) {
            c.send("MAIL FROM:<tcook@icloud.com>\r\nRCPT TO:<" + Fixtures.replyAddress(1, 5) + ">\r\nDATA\r\n"
                    + "Subject: half\r\n\r\nhalf a mess");
            assertThat(c.reply()).startsWith("250");
            assertThat(c.reply()).startsWith("250");
            assertThat(c.reply()).startsWith("354");
        }
        try (RawSmtp c = greeted(listener.port())) {
            assertThat(c.command("NOOP")).startsWith("250");
        }
        assertThat(stored()).isEmpty();
    }
}
