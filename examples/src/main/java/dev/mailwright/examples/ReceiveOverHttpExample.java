package dev.mailwright.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.Envelope;
import dev.mailwright.inbound.InboundException;
import dev.mailwright.inbound.InboundPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Replies that arrive over HTTP, for a host that cannot point an MX record at Mailwright: a mail
 * receiver (or Postfix's {@code pipe} transport through {@code curl}) posts each raw message to
 * {@code POST /mail?sender=S&recipient=R[&recipient=R2][&client=IP]} with
 * {@code Authorization: Bearer TOKEN}, and {@link InboundPipeline#accept} stores, runs and files it.
 * The JDK's own HTTP server is enough.
 *
 * <p>Postfix, in {@code master.cf} (the {@code q} flag quotes the addresses; no {@code R} or
 * {@code D} flag: {@code accept} records the envelope itself):
 * <pre>
 * mailwright unix - n n - - pipe flags=q user=nobody argv=/usr/bin/curl -fsS --data-binary &#64;-
 *     -H "Authorization: Bearer TOKEN" http://127.0.0.1:8025/mail?sender=${sender}&amp;recipient=${recipient}&amp;client=${client_address}
 * </pre>
 * and {@code transport_maps} sending {@code reply.<hostname>} to {@code mailwright:}. A provider's
 * inbound webhook that posts the raw message (MIME) is pointed at the same URL.
 *
 * <p>Answers: 200 with the disposition when the message was filed (a rejected or discarded message
 * is a success for the sender: there is nothing to retry), 400 for a bad envelope, 401 without the
 * token, 503 when the message could not be read or stored (the sender retries).
 *
 * <p>Use: build a pipeline as in {@link ReceiveRepliesExample}, then {@link #start} the endpoint.
 */
public final class ReceiveOverHttpExample implements AutoCloseable {
    private final HttpServer server;

    private ReceiveOverHttpExample(HttpServer server) {
        this.server = server;
    }

    /**
     * @param pipeline the pipeline the messages go through
     * @param address where to listen, such as 127.0.0.1:8025 (keep it private: put TLS in front otherwise)
     * @param token the shared secret the poster sends as a bearer token
     * @return the running endpoint; close it to stop
     * @throws IOException when the address cannot be bound
     */
    public static ReceiveOverHttpExample start(InboundPipeline pipeline, InetSocketAddress address, String token)
            throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        server.createContext("/mail", exchange -> {
            try (exchange) {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                if (auth == null || !MessageDigest.isEqual(expected, auth.getBytes(StandardCharsets.UTF_8))) {
                    answer(exchange, 401, "a bearer token is required\n");
                } else if (!exchange.getRequestMethod().equals("POST")) {
                    answer(exchange, 405, "POST the raw message\n");
                } else {
                    receive(pipeline, exchange);
                }
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return new ReceiveOverHttpExample(server);
    }

    private static void receive(InboundPipeline pipeline, HttpExchange exchange) throws IOException {
        Envelope envelope;
        try {
            Map<String, List<String>> q = query(exchange.getRequestURI().getRawQuery());
            String sender = q.getOrDefault("sender", List.of("")).get(0);
            envelope = new Envelope(sender.equalsIgnoreCase("MAILER-DAEMON") ? Envelope.NULL_SENDER : sender, // Postfix's <>
                    q.getOrDefault("recipient", List.of()), q.getOrDefault("client", List.of("")).get(0));
        } catch (IllegalArgumentException e) {
            answer(exchange, 400, e.getMessage() + "\n");
            return;
        }
        try (InputStream body = exchange.getRequestBody()) {
            Disposition d = pipeline.accept(body, envelope);
            answer(exchange, 200, d.folder() + " " + d + "\n");
        } catch (InboundException e) {
            answer(exchange, 503, e.getMessage() + "\n");
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, b.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(b);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops the endpoint. */
    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
