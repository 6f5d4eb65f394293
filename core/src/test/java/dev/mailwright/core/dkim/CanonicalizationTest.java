package dev.mailwright.core.dkim;

import static dev.mailwright.core.dkim.DkimTestMessages.bytes;
import static dev.mailwright.core.dkim.DkimTestMessages.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The examples of RFC 6376 section 3.4.6, and the edge cases of the body rules. */
class CanonicalizationTest {
    private static final String EXAMPLE = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    private static String headers(Canonicalization c, String message) {
        byte[] m = bytes(message);
        HeaderFields f = HeaderFields.parse(m, 100);
        Sink.Buffer out = new Sink.Buffer(64);
        for (int i = 0; i < f.size(); i++) {
            c.header(m, f.start(i), f.colon(i), f.end(i), true, out);
        }
        return text(out.toByteArray());
    }

    private static String body(Canonicalization c, String message) {
        byte[] m = bytes(message);
        HeaderFields f = HeaderFields.parse(m, 100);
        Sink.Buffer out = new Sink.Buffer(64);
        c.body(m, f.bodyStart(), m.length, out);
        return text(out.toByteArray());
    }

    @Test
    void rfc6376Example_relaxed() {
        assertThat(headers(Canonicalization.RELAXED, EXAMPLE)).isEqualTo("a:X\r\nb:Y Z\r\n");
        assertThat(body(Canonicalization.RELAXED, EXAMPLE)).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void rfc6376Example_simple() {
        assertThat(headers(Canonicalization.SIMPLE, EXAMPLE)).isEqualTo("A: X\r\nB : Y\t\r\n\tZ  \r\n");
        assertThat(body(Canonicalization.SIMPLE, EXAMPLE)).isEqualTo(" C \r\nD \t E\r\n");
    }

    @Test
    void emptyBody_isCrlfInSimpleAndEmptyInRelaxed() {
        for (String m : new String[] {"A: x\r\n\r\n", "A: x\r\n\r\n\r\n\r\n", "A: x\r\n"}) {
            assertThat(body(Canonicalization.SIMPLE, m)).isEqualTo("\r\n");
            assertThat(body(Canonicalization.RELAXED, m)).isEmpty();
        }
    }

    @Test
    void bodyWithoutFinalLineEnd_getsOne() {
        assertThat(body(Canonicalization.SIMPLE, "A: x\r\n\r\nabc")).isEqualTo("abc\r\n");
        assertThat(body(Canonicalization.RELAXED, "A: x\r\n\r\nabc  ")).isEqualTo("abc\r\n");
    }

    @Test
    void whiteSpaceOnlyLinesInsideTheBodyStayAsEmptyLines() {
        assertThat(body(Canonicalization.RELAXED, "A: x\r\n\r\na\r\n \t \r\nb\r\n   \r\n")).isEqualTo("a\r\n\r\nb\r\n");
    }

    @Test
    void crlfNormalization_makesBareCrAndLfCrlf() {
        assertThat(text(Crlf.normalize(bytes("a\nb\rc\r\nd")))).isEqualTo("a\r\nb\r\nc\r\nd");
        byte[] ready = bytes("a\r\nb\r\n");
        assertThat(Crlf.normalize(ready)).isSameAs(ready);
    }

    @Test
    void headerFields_findTheBodyAndFoldedFields() {
        HeaderFields f = HeaderFields.parse(bytes("Subject: a\r\n b\r\nFrom: x\r\nno colon here\r\n\r\nbody"), 100);
        assertThat(f.size()).isEqualTo(3);
        assertThat(f.name(0)).isEqualTo("subject");
        assertThat(f.value(0)).isEqualTo(" a\r\n b");
        assertThat(f.name(2)).isEmpty();
        assertThat(f.bodyStart()).isEqualTo(42);
        assertThat(HeaderFields.parse(bytes("A: 1\r\nB: 2\r\nC: 3\r\n\r\n"), 2).truncated()).isTrue();
    }

    @Test
    void tagList_keepsTheRawSpanOfEachValue() {
        TagList t = TagList.parse("v=1; b=abc\r\n def ; d=example.test", 10);
        assertThat(t.value("b")).isEqualTo("abc\r\n def");
        assertThat(TagList.unfolded(t.value("b"))).isEqualTo("abcdef");
        TagList.Tag b = t.get("b");
        assertThat("v=1; b=abc\r\n def ; d=example.test".substring(b.rawStart(), b.rawEnd())).isEqualTo("abc\r\n def ");
    }
}
