package dev.mailwright.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;

/**
 * The one-write message text is byte for byte what Angus's own {@code SMTPOutputStream} and
 * {@code finishData()} put on the wire: Angus is the oracle.
 */
class DataEncodingProperties {

    /** What Angus writes after 354: the text through SMTPOutputStream, then ensureAtBOL and ".\r\n". */
    private static byte[] angus(byte[] content) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SMTPOutputStream out = new SMTPOutputStream(wire);
        out.write(content);
        out.ensureAtBOL();
        wire.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return wire.toByteArray();
    }

    @Property(tries = 3000)
    void sameBytesAsAngus(@ForAll("texts") String text) throws IOException {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        assertThat(DataEncoding.encode(content)).isEqualTo(angus(content));
    }

    @Provide
    Arbitrary<String> texts() {
        // lines made of the characters that matter: dots, CR, LF, and a little text
        return Arbitraries.strings().withChars('.', '\r', '\n', 'a', ' ', 'é').ofMaxLength(60);
    }

    @Example
    void composedNotification_goesOutAsItIs_withTheTerminator() throws IOException {
        byte[] content = "Subject: x\r\n\r\nline one\r\nline two\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(DataEncoding.encode(content), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: x\r\n\r\nline one\r\nline two\r\n.\r\n");
        assertThat(DataEncoding.encode(content)).isEqualTo(angus(content));
    }

    @Example
    void leadingDots_areDoubled_andBareLineEndsBecomeCrlf() {
        byte[] content = ".hidden\n..two\r\n.\rend".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(DataEncoding.encode(content), StandardCharsets.US_ASCII))
                .isEqualTo("..hidden\r\n...two\r\n..\r\nend\r\n.\r\n");
    }

    @Example
    void emptyText_isTheTerminatorAlone() throws IOException {
        assertThat(new String(DataEncoding.encode(new byte[0]), StandardCharsets.US_ASCII)).isEqualTo(".\r\n");
        assertThat(DataEncoding.encode(new byte[0])).isEqualTo(angus(new byte[0]));
    }
}
