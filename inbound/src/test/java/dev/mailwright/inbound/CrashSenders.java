package dev.mailwright.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** What the crash tests share: reading a child listener's port and sending replies to it until it dies. */
final class CrashSenders {
    private CrashSenders() {
    }

    /** @return the port a worker printed as its first line ({@code port N}) */
    static int port(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the worker's first line").startsWith("port ");
        return Integer.parseInt(line.substring(5).strip());
    }

    /** Sends messages on one connection until it breaks; records the ids that got 250 and the one in flight. */
    static void send(int port, int session, Set<String> acknowledged, Set<String> inFlight, AtomicInteger count) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, "EHLO mx.example.org");
            expect(in, "250 ");
            for (int i = 0; ; i++) {
                String id = "<kill-" + session + "-" + i + "@example.org>";
                inFlight.add(id);
                command(out, "MAIL FROM:<someone@example.org>");
                expect(in, "250");
                command(out, "RCPT TO:<" + Fixtures.replyAddress(1 + i % 7, 5) + ">");
                expect(in, "250");
                command(out, "DATA");
                expect(in, "354");
                out.write(("Message-ID: " + id + "\r\nFrom: someone@example.org\r\nSubject: reply\r\n\r\n" + "text of the reply\r\n".repeat(200)
                        + ".\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                expect(in, "250");
                acknowledged.add(id);
                inFlight.remove(id);
                count.incrementAndGet();
            }
        } catch (IOException e) {
            // the listener was killed: this session ends
        }
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code.strip())) {
            throw new IllegalStateException("expected " + code + ", got " + line);
        }
    }

}
