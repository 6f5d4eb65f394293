package dev.mailwright.dns.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Prefix matching of IPv4 and IPv6 addresses. */
final class Cidr {
    private Cidr() {
    }

    /**
     * @param network an address literal
     * @param prefix the prefix length
     * @param ip the address to test
     * @return true when {@code ip} is in {@code network/prefix}; false when the families differ
     */
    static boolean contains(String network, int prefix, InetAddress ip) {
        byte[] net;
        try {
            if (!network.matches("[0-9a-fA-F:.]+")) {
                return false;
            }
            net = InetAddress.getByName(network).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        byte[] addr = ip.getAddress();
        if (net.length != addr.length || prefix > net.length * 8) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != addr[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (net[full] & mask) == (addr[full] & mask);
    }
}
