package dev.mailwright.dns.internal;

import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptRecorder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SMTP replies and writes commands on one socket, recording them through core's
 * {@link TranscriptRecorder} into the same {@link Transcript} a send records.
 */
final class SmtpConversation {
    private static final int MAX_LINE = 2048;
    private static final int MAX_LINES = 100;

    private final ProbeTranscript transcript;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    SmtpConversation(Socket socket, ProbeTranscript transcript) throws IOException {
        this.transcript = transcript;
        use(socket);
    }

    /** Switches to another socket (after STARTTLS). */
    void use(Socket next) throws IOException {
        this.socket = next;
        this.in = next.getInputStream();
        this.out = next.getOutputStream();
    }

    ProbeTranscript transcript() {
        return transcript;
    }

    Socket socket() {
        return socket;
    }

    void send(String command) throws IOException {
        transcript.client(command);
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** @return the lines of one (possibly multi-line) reply; the code is {@link #code(List)} */
    List<String> readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < MAX_LINES) {
            String line = readLine();
            transcript.server(line);
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return lines;
            }
        }
        throw new IOException("reply longer than " + MAX_LINES + " lines");
    }

    static int code(List<String> reply) {
        String last = reply.get(reply.size() - 1);
        if (last.length() >= 3 && last.substring(0, 3).chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(last.substring(0, 3));
        }
        return 0;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (buf.size() == 0) {
                    throw new java.io.EOFException("the server closed the connection");
                }
                break;
            }
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                buf.write(b);
            }
            if (buf.size() > MAX_LINE) {
                throw new IOException("reply line longer than " + MAX_LINE + " bytes: not an SMTP server?");
            }
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }
}
