package dev.mailwright.core.dkim;

import java.io.ByteArrayOutputStream;

/** The one DER structure DKIM needs built by hand: a bare RSAPublicKey wrapped as SubjectPublicKeyInfo. */
final class Der {
    /** SEQUENCE { OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Der() {
    }

    /** @return SEQUENCE { rsaEncryption, BIT STRING { 0 unused bits, the RSAPublicKey } } */
    static byte[] rsaSubjectPublicKeyInfo(byte[] rsaPublicKey) {
        ByteArrayOutputStream bits = new ByteArrayOutputStream(rsaPublicKey.length + 8);
        bits.write(0x03);
        length(bits, rsaPublicKey.length + 1);
        bits.write(0x00);
        bits.writeBytes(rsaPublicKey);
        ByteArrayOutputStream out = new ByteArrayOutputStream(rsaPublicKey.length + 32);
        out.write(0x30);
        length(out, RSA_ALGORITHM.length + bits.size());
        out.writeBytes(RSA_ALGORITHM);
        out.writeBytes(bits.toByteArray());
        return out.toByteArray();
    }

    private static void length(ByteArrayOutputStream out, int n) {
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write((n >> 8) & 0xff);
            out.write(n & 0xff);
        }
    }
}
