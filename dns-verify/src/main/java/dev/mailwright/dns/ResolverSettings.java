package dev.mailwright.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which DNS servers the checks ask and how long each query may take.
 *
 * @param servers the servers to ask, in order; empty for the system's resolvers (from
 *     {@code /etc/resolv.conf} or the platform)
 * @param timeout how long one query may take before the server counts as not answering; the
 *     report is slower by at most about this much when a server is dead
 */
public record ResolverSettings(List<InetSocketAddress> servers, Duration timeout) {
    /** Default query timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /** Validates: the timeout is positive and at most a minute, no server is unresolved. */
    public ResolverSettings {
        servers = List.copyOf(Objects.requireNonNull(servers, "servers"));
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("DNS timeout " + timeout + " is out of range: use between 1 ms and 1 minute");
        }
        for (InetSocketAddress s : servers) {
            if (s.isUnresolved()) {
                throw new IllegalArgumentException("DNS server " + s + " is not an IP address: give it as address:port,"
                        + " such as 127.0.0.1:53");
            }
        }
    }

    /** @return the system's resolvers with the default timeout */
    public static ResolverSettings system() {
        return new ResolverSettings(List.of(), DEFAULT_TIMEOUT);
    }

    /**
     * @param servers servers as {@code address} or {@code address:port} ({@code [::1]:53} for IPv6)
     * @return settings asking those servers, with the default timeout
     * @throws IllegalArgumentException naming a server that is not an IP address with an optional port
     */
    public static ResolverSettings of(String... servers) {
        List<InetSocketAddress> list = new ArrayList<>();
        for (String s : servers) {
            list.add(parseServer(s));
        }
        return new ResolverSettings(list, DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout the new timeout
     * @return a copy with that timeout
     */
    public ResolverSettings withTimeout(Duration timeout) {
        return new ResolverSettings(servers, timeout);
    }

    /** @return true when the system's resolvers are used */
    public boolean isSystem() {
        return servers.isEmpty();
    }

    /**
     * @param text {@code 127.0.0.1}, {@code 127.0.0.1:15353}, {@code ::1} or {@code [::1]:15353}
     * @return the socket address (port 53 when none is given)
     * @throws IllegalArgumentException when it is not an IP address with an optional port
     */
    public static InetSocketAddress parseServer(String text) {
        Objects.requireNonNull(text, "server");
        String t = text.strip();
        String host = t;
        int port = 53;
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0) {
                throw badServer(text);
            }
            host = t.substring(1, end);
            if (end + 1 < t.length()) {
                port = parsePort(text, t.substring(end + 1));
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = parsePort(text, t.substring(t.indexOf(':')));
        }
        if (!looksLikeIp(host)) {
            throw badServer(text);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw badServer(text);
        }
    }

    private static int parsePort(String text, String colonPort) {
        if (!colonPort.startsWith(":") || !colonPort.substring(1).matches("[0-9]{1,5}")) {
            throw badServer(text);
        }
        int port = Integer.parseInt(colonPort.substring(1));
        if (port < 1 || port > 65535) {
            throw badServer(text);
        }
        return port;
    }

    private static boolean looksLikeIp(String host) {
        return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || (host.contains(":") && host.matches("[0-9a-fA-F:.]+"));
    }

    private static IllegalArgumentException badServer(String text) {
        return new IllegalArgumentException("DNS server '" + text + "' is not an IP address with an optional port:"
                + " use address[:port] such as 127.0.0.1:15353, or [::1]:53 for IPv6");
    }
}
