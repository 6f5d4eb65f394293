package dev.mailwright.inbound.internal.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {
    private static final LanguageData DATA = LanguageData.load(Map.of());

    private static String render(String html) {
        Document doc = Jsoup.parse(html);
        Map<Element, String> marks = HtmlStructure.mark(doc, DATA);
        HtmlRenderer renderer = new HtmlRenderer(marks);
        NodeTraversor.filter(renderer, doc.body());
        return renderer.text();
    }

    @Test
    void nestedLists_areIndentedAndNumbered() {
        assertThat(render("<ul><li> one</li><li>two<ol><li>a</li><li>b</li></ol></li></ul>"))
                .isEqualTo("- one\n- two\n  1. a\n  2. b\n");
    }

    @Test
    void links_becomeMarkdownOrStayAnAddress() {
        assertThat(render("<p>See <a href=\"https://e.example/x\">the doc</a>, "
                + "<a href=\"https://e.example/y\">https://e.example/y</a>, "
                + "<a href=\"https://e.example/z\"></a> and <a href=\"mailto:a@e.example\">Ann</a>.</p>"))
                .isEqualTo("See [the doc](https://e.example/x), https://e.example/y, https://e.example/z and Ann.\n");
    }

    @Test
    void paragraphsAndBreaks_keepTheirShape() {
        assertThat(render("<p>one<br>two</p><p>three</p><div><br></div><div>four</div>"))
                .isEqualTo("one\ntwo\n\nthree\n\nfour\n");
    }

    @Test
    void pre_isAFencedBlockKeptVerbatim() {
        assertThat(render("<p>Run:</p><pre>  a  &gt; b\n\nc</pre><p>done</p>"))
                .isEqualTo("Run:\n\n```\n  a  > b\n\nc\n```\n\ndone\n");
    }

    @Test
    void tableCells_areJoinedWithBars() {
        assertThat(render("<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>"))
                .isEqualTo("k | v\na | 1\n");
    }

    @Test
    void citedQuotes_arePrefixedAtEachDepth() {
        assertThat(render("<p>new</p><blockquote type=\"cite\"><p>q1</p><blockquote type=\"cite\">q2</blockquote></blockquote>"))
                .isEqualTo("new\n\n> q1\n>\n>> q2\n");
    }

    @Test
    void outlookDivider_quotesEverythingAfterIt() {
        assertThat(render("<p>answer</p><div style=\"border:none;border-top:solid #E1E1E1 1.0pt\">"
                + "<p><b>De :</b> Ann</p></div><p>history</p>"))
                .isEqualTo("answer\n\n> De : Ann\n>\n> history\n");
    }

    @Test
    void signatureElement_followsADelimiterLine() {
        assertThat(render("<div>ok</div><div class=\"gmail_signature\">Bo<br>Team</div>"))
                .isEqualTo("ok\n-- \nBo\nTeam\n");
    }
}
