package dev.mailwright.inbound.internal.reply;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Finds the structure mail clients leave in an HTML reply and marks it for the renderer:
 * {@value #QUOTE} for a quoted element (rendered with {@code >}), {@value #REST} for the first
 * element of quoted history that runs to the end of the message, {@value #SIGNATURE} for a
 * signature (rendered after a "-- " line). One walk over the tree with plain string tests (no
 * selector engine); marks are kept in an identity map, not set as attributes: jsoup finds the
 * owner document of a node it changes by walking up the tree, which deep nesting would make
 * quadratic.
 *
 * <ul>
 *   <li>quotes: {@code blockquote[type=cite]} (Apple Mail, Thunderbird, Fastmail, Proton Mail),
 *       {@code blockquote.gmail_quote}, {@code blockquote.protonmail_quote}, any element whose
 *       class holds {@code yahoo_quoted}, {@code div.moz-forward-container}, {@code .zmail_extra};
 *   <li>signatures: {@code .gmail_signature}, {@code [data-smartmail=gmail_signature]},
 *       {@code .protonmail_signature_block}, {@code .moz-signature},
 *       {@code #ms-outlook-mobile-signature}, {@code #composer_signature};
 *   <li>history to the end: {@code #appendonsend}, {@code #divRplyFwdMsg} (with the {@code hr}
 *       before it), {@code #mail-editor-reference-message-container}, {@code div.OutlookMessageHeader},
 *       else Outlook desktop's {@code div} with a {@code border-top} style whose text opens with a
 *       "From:" label of any language.
 * </ul>
 */
final class HtmlStructure {
    static final String QUOTE = "quote";
    static final String REST = "rest";
    static final String SIGNATURE = "signature";
    private static final int LABEL_CHARS = 60;
    /** The label is looked for in this many nodes at most, so nested dividers stay linear. */
    private static final int LABEL_NODES = 40;

    private HtmlStructure() {
    }

    /** @return the marked elements and their marks */
    static Map<Element, String> mark(Document doc, LanguageData data) {
        Map<Element, String> marks = new IdentityHashMap<>();
        Element[] rest = new Element[2];
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof Element e) {
                visit(e, marks, rest, data);
            }
        }, doc);
        Element start = rest[0] != null ? rest[0] : rest[1];
        if (start != null) {
            Element before = start.previousElementSibling();
            marks.put(before != null && before.nameIs("hr") ? before : start, REST);
        }
        return marks;
    }

    private static void visit(Element e, Map<Element, String> marks, Element[] rest, LanguageData data) {
        if (e.attributesSize() == 0) {
            return;
        }
        String name = e.normalName();
        String cls = e.className().toLowerCase(Locale.ROOT);
        String id = e.id();
        if (cls.contains("gmail_signature") || cls.contains("protonmail_signature_block")
                || cls.contains("moz-signature") || id.equals("ms-outlook-mobile-signature")
                || id.equals("composer_signature") || e.attr("data-smartmail").equals("gmail_signature")) {
            marks.put(e, SIGNATURE);
        } else if (name.equals("blockquote") && (e.attr("type").equalsIgnoreCase("cite")
                || cls.contains("gmail_quote") || cls.contains("protonmail_quote"))
                || cls.contains("yahoo_quoted") || cls.contains("zmail_extra")
                || name.equals("div") && cls.contains("moz-forward-container")) {
            marks.put(e, QUOTE);
        } else if (rest[0] == null && (id.equals("appendonsend") || id.equals("divRplyFwdMsg")
                || id.equals("mail-editor-reference-message-container")
                || name.equals("div") && cls.contains("outlookmessageheader"))) {
            rest[0] = e;
        } else if (rest[1] == null && name.equals("div")
                && e.attr("style").toLowerCase(Locale.ROOT).contains("border-top") && opensWithFrom(e, data)) {
            rest[1] = e;
        }
    }

    /** Outlook desktop's divider: its text opens with "From:", "Von:", "De :", … */
    private static boolean opensWithFrom(Element e, LanguageData data) {
        StringBuilder text = new StringBuilder();
        int[] visited = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    text.append(t.getWholeText());
                }
                boolean enough = text.length() >= LABEL_CHARS || ++visited[0] >= LABEL_NODES;
                return enough ? FilterResult.STOP : FilterResult.CONTINUE;
            }
        }, e);
        String norm = Normalizer.normalize(text);
        int colon = norm.indexOf(':');
        return colon > 0 && colon <= 40 && "from".equals(data.field(norm.substring(0, colon).strip()));
    }
}
