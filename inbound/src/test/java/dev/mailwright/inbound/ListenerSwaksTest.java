package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener against swaks, a real SMTP client (exit codes: 23 MAIL refused, 24 RCPT refused, 26 message refused after DATA). */
class ListenerSwaksTest {
    @TempDir
    Path dir;

    private InboundListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private InboundListener start(boolean enforceTls, long maxBytes) {
        listener = InboundListener.builder().hostname(Fixtures.HOST).keyRing(Fixtures.KEYS).maildir(dir.resolve("maildir"))
                .bindAddress("127.0.0.1").port(0).limits(ListenerLimits.builder().maxMessageBytes(maxBytes).build())
                .tls(TlsCredentials.selfSigned("reply." + Fixtures.HOST)).enforceTls(enforceTls).build().start();
        return listener;
    }

    private record Swaks(int exit, String transcript) {
    }

    private Swaks swaks(String to, String... extra) throws IOException, InterruptedException {
        Path swaks = Peers.require("swaks", "swaks");
        List<String> cmd = new ArrayList<>(List.of(swaks.toString(), "--server", "127.0.0.1:" + listener.port(),
                "--helo", "mx.icloud.com", "--from", "tcook@icloud.com", "--to", to, "--timeout", "20"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Swaks(p.exitValue(), out);
    }

    private List<Path> delivered() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("maildir/new"))) {
            return s.toList();
        }
    }

    @Test
    void enforcedTls_refusesMailBeforeStarttls_with530() throws Exception {
        start(true, 100_000);

        Swaks r = swaks(Fixtures.replyAddress(1, 5));

        assertThat(r.exit()).as(r.transcript()).isEqualTo(23);
        assertThat(r.transcript()).contains("<** 530 5.7.0");
        assertThat(delivered()).isEmpty();
    }

    @Test
    void enforcedTls_acceptsAfterStarttls_andTheMessageIsInTheMaildirWhen250Arrives() throws Exception {
        start(true, 100_000);

        Swaks r = swaks(Fixtures.replyAddress(1, 5), "--tls", "--header", "Message-ID: <swaks-1@icloud.com>");

        assertThat(r.exit()).as(r.transcript()).isZero();
        assertThat(r.transcript()).contains("<-  220 2.0.0 Ready to start TLS").contains("<~  250");
        assertThat(delivered()).singleElement().satisfies(f -> {
            String text = Files.readString(f);
            assertThat(text).startsWith("Return-Path: <tcook@icloud.com>\r\nDelivered-To: " + Fixtures.replyAddress(1, 5));
            assertThat(text).contains("Message-ID: <swaks-1@icloud.com>");
        });
        assertThat(listener.acceptedCount()).isEqualTo(1);
    }

    @Test
    void forgedOrForeignRecipients_areRefusedAtRcpt() throws Exception {
        start(false, 100_000);

        Swaks forged = swaks(Fixtures.forgedAddress());
        Swaks malformed = swaks("reply+i-1-abc-5@reply." + Fixtures.HOST);
        Swaks foreign = swaks("someone@example.org");

        assertThat(forged.exit()).as(forged.transcript()).isEqualTo(24);
        assertThat(forged.transcript()).contains("550 5.7.1");
        assertThat(malformed.exit()).isEqualTo(24);
        assertThat(malformed.transcript()).contains("<** 550 5.1.1");
        assertThat(foreign.exit()).isEqualTo(24);
        assertThat(foreign.transcript()).contains("<** 550 5.1.2");
        assertThat(delivered()).isEmpty();
    }

    @Test
    void noReplyDomainAndValidReplies_areAcceptedWithoutTlsWhenNotEnforced() throws Exception {
        start(false, 100_000);

        assertThat(swaks("noreply@noreply." + Fixtures.HOST).exit()).isZero();
        assertThat(swaks(Fixtures.replyAddress(3, 9)).exit()).isZero();
        assertThat(delivered()).hasSize(2);
    }

    @Test
    void withASpool_swaksGets250_andTheMessagesReachTheMaildir_refusalsUnchanged() throws Exception {
        listener = InboundListener.builder().hostname(Fixtures.HOST).keyRing(Fixtures.KEYS).maildir(dir.resolve("maildir"))
                .spool(dir.resolve("spool")).bindAddress("127.0.0.1").port(0).limits(ListenerLimits.builder().maxMessageBytes(100_000).build())
                .tls(TlsCredentials.selfSigned("reply." + Fixtures.HOST)).enforceTls(true).build().start();

        assertThat(swaks(Fixtures.replyAddress(3, 9), "--tls").exit()).isZero();
        assertThat(swaks(Fixtures.replyAddress(4, 9), "--tls", "--pipeline").exit()).isZero();
        Swaks plain = swaks(Fixtures.replyAddress(5, 9));
        assertThat(plain.transcript()).contains("<** 530 5.7.0");
        Swaks forged = swaks(Fixtures.forgedAddress(), "--tls");
        assertThat(forged.transcript()).contains("550 5.7.1");
        Path bigBody = Files.writeString(dir.resolve("big.txt"), "x".repeat(150_000));
        Swaks big = swaks(Fixtures.replyAddress(6, 9), "--tls", "--body", "@" + bigBody);
        assertThat(big.transcript()).contains("552 5.3.4");
        assertThat(listener.acceptedCount()).isEqualTo(2);
        // the listener's own statistics (issue 14: per instance, not process-wide)
        assertThat(listener.statistics().counters()).containsEntry("listener.accepted", 2L)
                .containsEntry("listener.spool.records", 2L).containsEntry("listener.refused.tls-required", 1L)
                .containsEntry("listener.refused.rcpt", 1L).containsEntry("listener.refused.size", 1L);
        assertThat(listener.statistics().diagnostics().contribute(dev.mailwright.core.EmailSettings.builder()
                .hostname(Fixtures.HOST).build()).facts()).containsEntry("listener.accepted", "2");

        // a transaction abandoned after MAIL must not hold back the syncs of later messages
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", listener.port())) {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            var out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            out.write("EHLO mx.icloud.com\r\n".getBytes(StandardCharsets.US_ASCII));
            String line;
            do {
                line = in.readLine();
            } while (line.startsWith("250-"));
            out.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("220");
            var tls = (javax.net.ssl.SSLSocket) trustingContext().getSocketFactory()
                    .createSocket(socket, "127.0.0.1", listener.port(), true);
            tls.startHandshake();
            var tin = new java.io.BufferedReader(new java.io.InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII));
            var tout = tls.getOutputStream();
            tout.write("EHLO mx.icloud.com\r\nMAIL FROM:<tcook@icloud.com>\r\n".getBytes(StandardCharsets.US_ASCII));
            do {
                line = tin.readLine();
            } while (line.startsWith("250-"));
            assertThat(tin.readLine()).startsWith("250");
        }
        // the server notices the dropped connection on its own time: probe until a sync no longer waits
        int probes = 0;
        boolean syncWithoutWaiting = false;
        while (!syncWithoutWaiting && probes < 20) {
            long timeouts = listener.statistics().get("listener.spool.gather-timeouts");
            assertThat(swaks(Fixtures.replyAddress(7, 9), "--tls").exit()).isZero();
            probes++;
            syncWithoutWaiting = listener.statistics().get("listener.spool.gather-timeouts") == timeouts;
        }
        assertThat(syncWithoutWaiting).as("a sync that does not wait for the abandoned transaction, in %d probes", probes)
                .isTrue();
        assertThat(listener.acceptedCount()).isEqualTo(2 + probes);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (delivered().size() < 2 + probes && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(delivered()).hasSize(2 + probes);
        assertThat(Files.readString(delivered().get(0))).contains("Received: from mx.icloud.com").contains("with ESMTPS");
        listener.close();
        listener = null;
        try (Stream<Path> s = Files.list(dir.resolve("spool"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".spool")).toList()).as("delivered segments are deleted").isEmpty();
        }
    }

    /** Test only: trusts the listener's self-signed certificate without checking it. */
    private static javax.net.ssl.SSLContext trustingContext() throws Exception {
        javax.net.ssl.X509TrustManager any = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {any}, null);
        return context;
    }

    @Test
    void pipelining_isOffered_andPipelinedTransactionsAreStored_inTheClearAndAfterStarttls() throws Exception {
        start(true, 100_000);
        Path body = Files.writeString(dir.resolve("body.txt"), "pipelined\n.with a leading dot\n");

        Swaks refused = swaks(Fixtures.replyAddress(1, 5), "--pipeline");
        Swaks accepted = swaks(Fixtures.replyAddress(1, 5), "--pipeline", "--tls", "--body", "@" + body);

        assertThat(refused.transcript()).as("offered before STARTTLS").contains("250-PIPELINING")
                .contains("<** 530 5.7.0");
        assertThat(accepted.exit()).as(accepted.transcript()).isZero();
        assertThat(accepted.transcript()).as("STARTTLS is not offered again once TLS runs")
                .containsOnlyOnce("250-STARTTLS");
        assertThat(delivered()).singleElement().satisfies(f -> assertThat(Files.readString(f))
                .contains("\r\npipelined\r\n.with a leading dot\r\n"));
    }

    @Test
    void dotStuffedLines_arriveUnstuffed_andTheNextTransactionOnTheConnectionStillWorks() throws Exception {
        start(false, 100_000);
        Path body = Files.writeString(dir.resolve("body.txt"), "first line\n.starts with a dot\n..two dots\n.\nlast\n");

        Swaks r = swaks(Fixtures.replyAddress(1, 5), "--body", "@" + body);
        Swaks again = swaks(Fixtures.replyAddress(2, 5), "--body", "second message");

        assertThat(r.exit()).as(r.transcript()).isZero();
        assertThat(again.exit()).as(again.transcript()).isZero();
        assertThat(delivered()).hasSize(2).anySatisfy(f -> assertThat(Files.readString(f))
                .contains("\r\nfirst line\r\n.starts with a dot\r\n..two dots\r\n.\r\nlast\r\n")
                .contains("Received: from mx.icloud.com (").contains("by reply.ghe.example.com (Mailwright) with ESMTP id"));
    }

    @Test
    void aPortInUse_isReportedWithThePortAndWhatToDo() {
        start(false, 100_000);
        InboundListener second = InboundListener.builder().hostname(Fixtures.HOST).keyRing(Fixtures.KEYS)
                .maildir(dir.resolve("maildir")).port(listener.port()).build();

        assertThatThrownBy(second::start).isInstanceOf(InboundException.class)
                .hasMessageContaining("127.0.0.1:" + listener.port()).hasMessageContaining("Choose a free port");
    }

    @Test
    void overSizeMessages_areRefused_andNothingIsLeftBehind() throws Exception {
        start(false, 2_000);

        Swaks r = swaks(Fixtures.replyAddress(1, 5), "--body", "x".repeat(5_000));

        assertThat(r.exit()).as("swaks exit 26: message refused at the end of DATA").isEqualTo(26);
        assertThat(r.transcript()).contains("<** 552 5.3.4");
        assertThat(delivered()).isEmpty();
        try (Stream<Path> tmp = Files.list(dir.resolve("maildir/tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }
}
