package dev.mailwright.smtp.testsupport;

import dev.mailwright.core.testing.Peers;
import java.util.ArrayList;
import java.util.List;

/** Postfix's smtp-sink on 127.0.0.1 and a free port, with extra options such as {@code -B reply -f AUTH}. */
public final class SmtpSink implements AutoCloseable {
    private final Peers.PeerProcess process;
    private final int port;

    private SmtpSink(Peers.PeerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param options smtp-sink options before the address, such as {@code "-B", "535 5.7.8 ...", "-f", "AUTH"}
     * @return the running sink
     */
    public static SmtpSink start(String... options) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Peers.require("smtp-sink", "postfix").toString());
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("-u");
            cmd.add("nobody");
        }
        cmd.addAll(List.of(options));
        int port = Peers.freePort();
        cmd.add("127.0.0.1:" + port);
        cmd.add("10");
        return new SmtpSink(Peers.start(port, cmd), port);
    }

    /** @return the port */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
    }
}
