package dev.mailwright.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CidrProperties {
    @Property
    void anAddressIsInEveryPrefixOfItself(@ForAll byte[] raw, @ForAll @IntRange(min = 0, max = 32) int prefix)
            throws UnknownHostException {
        byte[] four = new byte[4];
        System.arraycopy(raw, 0, four, 0, Math.min(4, raw.length));
        InetAddress a = InetAddress.getByAddress(four);
        assertThat(Cidr.contains(a.getHostAddress(), prefix, a)).isTrue();
    }

    @Property
    void flippingABitInsideThePrefixLeavesIt(@ForAll @IntRange(min = 0, max = 0x7fffffff) int bits,
            @ForAll @IntRange(min = 1, max = 32) int prefix, @ForAll @IntRange(min = 0, max = 31) int flip)
            throws UnknownHostException {
        int flipped = bits ^ (1 << (31 - flip));
        InetAddress a = InetAddress.getByAddress(toBytes(bits));
        InetAddress b = InetAddress.getByAddress(toBytes(flipped));
        assertThat(Cidr.contains(a.getHostAddress(), prefix, b)).isEqualTo(flip >= prefix);
    }

    @Property
    void familiesNeverMatch(@ForAll @IntRange(min = 0, max = 32) int prefix) throws UnknownHostException {
        assertThat(Cidr.contains("::1", prefix, InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    private static byte[] toBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
