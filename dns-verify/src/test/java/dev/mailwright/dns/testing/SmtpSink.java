package dev.mailwright.dns.testing;

import dev.mailwright.core.testing.Peers;
import java.util.ArrayList;
import java.util.List;

/** Starts Postfix's {@code smtp-sink} on 127.0.0.1 (as {@code nobody} when run as root, which it requires). */
public final class SmtpSink {
    private SmtpSink() {
    }

    /**
     * @param port the port on 127.0.0.1
     * @return the running peer, listening; close it to stop it
     */
    public static Peers.PeerProcess start(int port) {
        List<String> cmd = new ArrayList<>(List.of(Peers.require("smtp-sink", "postfix").toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("-u", "nobody"));
        }
        cmd.addAll(List.of("127.0.0.1:" + port, "100"));
        return Peers.start(port, cmd);
    }
}
