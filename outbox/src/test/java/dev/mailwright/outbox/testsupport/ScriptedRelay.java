package dev.mailwright.outbox.testsupport;

import dev.mailwright.core.testing.Peers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;

/**
 * A real SMTP relay in process (SubEthaSMTP) on 127.0.0.1 that a test scripts: a delay per message
 * (or per domain), {@code 421} on every other connection, a reply for a domain's recipients, and a
 * stop and start on the same port. It counts each (Message-ID, recipient) it accepted, so a test
 * can count duplicates, and answers {@code 250 2.0.0 Ok: queued as Q<n>}.
 */
public final class ScriptedRelay implements AutoCloseable {
    private final int port;
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<String, Long> domainDelayMs = new ConcurrentHashMap<>();
    private final Map<String, String> domainReply = new ConcurrentHashMap<>();
    private final AtomicLong queueIds = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong sessions421 = new AtomicLong();
    private volatile long delayMs;
    private volatile boolean refuseEveryOtherConnection;
    private volatile SMTPServer server;

    private ScriptedRelay(int port) {
        this.port = port;
    }

    /** @return a started relay on a free port */
    public static ScriptedRelay start() {
        ScriptedRelay r = new ScriptedRelay(Peers.freePort());
        r.startServer();
        return r;
    }

    /** @return a relay on a free port that is not started (nothing listens: connections are refused) */
    public static ScriptedRelay stopped() {
        return new ScriptedRelay(Peers.freePort());
    }

    /** Starts (again) on the same port. */
    public synchronized void startServer() {
        SMTPServer s = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress()).hostName("relay.test")
                .maxConnections(200).sessionHandler(new Sessions())
                .messageHandlerFactory(ctx -> new Handler()).build();
        s.start();
        server = s;
    }

    /** Stops listening; connections in progress are cut. */
    public synchronized void stopServer() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** @param ms how long every message takes (after DATA, before 250) @return this */
    public ScriptedRelay delay(long ms) {
        this.delayMs = ms;
        return this;
    }

    /** @param domain a recipient domain @param ms how long its messages take @return this */
    public ScriptedRelay delay(String domain, long ms) {
        domainDelayMs.put(domain, ms);
        return this;
    }

    /** @param domain a recipient domain @param reply the reply to RCPT for it, such as {@code 550 5.1.1 no such user}, or null for none @return this */
    public ScriptedRelay reply(String domain, String reply) {
        if (reply == null) {
            domainReply.remove(domain);
        } else {
            domainReply.put(domain, reply);
        }
        return this;
    }

    /** @param on answer {@code 421} instead of the greeting on every other connection @return this */
    public ScriptedRelay refuseEveryOtherConnection(boolean on) {
        this.refuseEveryOtherConnection = on;
        return this;
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /** @return how many distinct (Message-ID, recipient) were accepted */
    public int distinct() {
        return accepted.size();
    }

    /** @return how many were accepted more than once, counting each extra copy */
    public int duplicates() {
        return accepted.values().stream().mapToInt(a -> a.get() - 1).sum();
    }

    /** @return messages accepted in all */
    public int total() {
        return accepted.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** @return connections refused with 421 */
    public long refusedConnections() {
        return sessions421.get();
    }

    /** @param messageId a Message-ID @param recipient a recipient @return how often it was accepted */
    public int count(String messageId, String recipient) {
        AtomicInteger a = accepted.get(messageId + " " + recipient.toLowerCase(Locale.ROOT));
        return a == null ? 0 : a.get();
    }

    @Override
    public void close() {
        stopServer();
    }

    private final class Sessions implements SessionHandler {
        @Override
        public SessionAcceptance accept(org.subethamail.smtp.server.Session session) {
            long n = connections.incrementAndGet();
            if (refuseEveryOtherConnection && n % 2 == 1) {
                sessions421.incrementAndGet();
                return SessionAcceptance.failure(421, "4.3.2 Service not available, try again later");
            }
            return SessionAcceptance.success();
        }

        @Override
        public void onSessionEnd(org.subethamail.smtp.server.Session session) {
        }
    }

    private final class Handler implements MessageHandler {
        private String recipient;
        private String domain;

        @Override
        public void from(String from) {
        }

        @Override
        public void recipient(String to) throws RejectException {
            recipient = to.toLowerCase(Locale.ROOT);
            domain = recipient.substring(recipient.indexOf('@') + 1);
            String reply = domainReply.get(domain);
            if (reply != null) {
                throw new RejectException(Integer.parseInt(reply.substring(0, 3)), reply.substring(4));
            }
        }

        @Override
        public String data(InputStream data) throws IOException {
            byte[] bytes = readBounded(data);
            long ms = domainDelayMs.getOrDefault(domain == null ? "" : domain, delayMs);
            if (ms > 0) {
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            accepted.computeIfAbsent(messageId(bytes) + " " + recipient, k -> new AtomicInteger()).incrementAndGet();
            return "250 2.0.0 Ok: queued as Q" + queueIds.incrementAndGet();
        }

        @Override
        public void done() {
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0;) {
            if (out.size() > 10_000_000) {
                throw new IOException("message too large for the test relay");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static String messageId(byte[] message) {
        for (String line : new String(message, StandardCharsets.UTF_8).split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                return line.substring(11).strip();
            }
        }
        return "(none)";
    }
}
