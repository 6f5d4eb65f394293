package dev.mailwright.smtp.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A plain SMTP server on 127.0.0.1 that follows a script: it accepts everything except one command
 * ({@code BANNER}, {@code MAIL}, {@code RCPT}, {@code DATA} or {@code .} for the end of the data),
 * which it answers with the scripted reply or by closing the connection. Serves one connection at
 * a time, each with the script in force when it connected; every read is bounded by a timeout.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    /** What the server does at the scripted command: a reply line, or {@code null} to close the connection. */
    public record Script(String command, String reply, boolean pipelining) {
    }

    private final ServerSocket server;
    private final Thread thread;
    private volatile Script script = new Script("", null, false);

    /** Starts the server on a free port. */
    public ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the port */
    public int port() {
        return server.getLocalPort();
    }

    /** @param next the script of the next connections */
    public void script(Script next) {
        this.script = next;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                converse(s, script);
            } catch (IOException e) {
                // the client went away, or the server is closing: next connection
            }
        }
    }

    private static void converse(Socket s, Script script) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        if (!answer(out, script, "BANNER", "220 scripted.example ESMTP")) {
            return;
        }
        boolean mailOk = false;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> send(out, "250-scripted.example\r\n" + (script.pipelining() ? "250-PIPELINING\r\n" : "") + "250 8BITMIME");
                case "HELO", "RSET", "NOOP" -> send(out, "250 2.0.0 Ok");
                case "MAIL" -> {
                    mailOk = answer(out, script, "MAIL", "250 2.1.0 Ok");
                    if (!mailOk && script.reply() == null) {
                        return;
                    }
                }
                case "RCPT" -> {
                    if (!(mailOk ? answer(out, script, "RCPT", "250 2.1.5 Ok") : reply(out, "503 5.5.1 Error: need MAIL command"))
                            && script.reply() == null && mailOk) {
                        return;
                    }
                }
                case "DATA" -> {
                    if (!mailOk) {
                        send(out, "503 5.5.1 Error: need RCPT command");
                    } else if (answer(out, script, "DATA", "354 End data with <CR><LF>.<CR><LF>")) {
                        for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                            // the text is accepted and dropped
                        }
                        if (!answer(out, script, ".", "250 2.0.0 Ok: queued as 4XyZ") && script.reply() == null) {
                            return;
                        }
                    } else if (script.reply() == null) {
                        return;
                    }
                }
                case "QUIT" -> {
                    send(out, "221 2.0.0 Bye");
                    return;
                }
                default -> send(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    /** @return true when the command was accepted (the scripted failure was not for it) */
    private static boolean answer(OutputStream out, Script script, String command, String ok) throws IOException {
        if (!script.command().equals(command)) {
            send(out, ok);
            return true;
        }
        if (script.reply() != null) {
            send(out, script.reply());
        }
        return false;
    }

    private static boolean reply(OutputStream out, String line) throws IOException {
        send(out, line);
        return false;
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
