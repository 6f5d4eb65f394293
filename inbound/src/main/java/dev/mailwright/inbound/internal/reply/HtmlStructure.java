package dev.mailwright.inbound.internal.reply;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the structure mail clients leave in an HTML reply and marks it for the renderer:
 * {@value #QUOTE} for a quoted element (rendered with {@code >}), {@value #REST} for the first
 * element of quoted history that runs to the end of the message, {@value #SIGNATURE} for a
 * signature (rendered after a "-- " line). Marks are kept in an identity map, not set as
 * attributes: jsoup finds the owner document of a node it changes by walking up the tree, which
 * deep nesting would make quadratic.
 */
final class HtmlStructure {
    static final String QUOTE = "quote";
    static final String REST = "rest";
    static final String SIGNATURE = "signature";

    /** Quoted elements: Apple Mail, Thunderbird, Fastmail, Gmail, Proton Mail, Yahoo, Zoho. */
    private static final String QUOTES = "blockquote[type=cite], blockquote.gmail_quote, "
            + "blockquote.protonmail_quote, [class*=yahoo_quoted], div.moz-forward-container, "
            + "blockquote.zmail_extra, div.zmail_extra";
    /** Signatures: Gmail, Proton Mail, Outlook mobile, Thunderbird, Samsung. */
    private static final String SIGNATURES = "div.gmail_signature, [data-smartmail=gmail_signature], "
            + "div.protonmail_signature_block, #ms-outlook-mobile-signature, div.moz-signature, "
            + "#composer_signature";
    /** Where Outlook's quoted history starts: it runs from there to the end. */
    private static final String REST_STARTS = "#appendonsend, #divRplyFwdMsg, "
            + "#mail-editor-reference-message-container, div.OutlookMessageHeader";

    private HtmlStructure() {
    }

    /** @return the marked elements and their marks */
    static Map<Element, String> mark(Document doc, LanguageData data) {
        Map<Element, String> marks = new IdentityHashMap<>();
        for (Element e : doc.select(SIGNATURES)) {
            marks.put(e, SIGNATURE);
        }
        for (Element e : doc.select(QUOTES)) {
            marks.put(e, QUOTE);
        }
        Element rest = doc.selectFirst(REST_STARTS);
        if (rest == null) {
            rest = outlookDivider(doc, data);
        }
        if (rest != null) {
            Element before = rest.previousElementSibling();
            if (before != null && before.nameIs("hr")) {
                rest = before;
            }
            marks.put(rest, REST);
        }
        return marks;
    }

    /**
     * Outlook desktop's divider: a div with a top border whose text opens with a header label
     * ("From:", "Von:", "De :", …).
     */
    private static Element outlookDivider(Document doc, LanguageData data) {
        for (Element e : doc.select("div[style*=border-top]")) {
            String text = Normalizer.normalize(e.text());
            int colon = text.indexOf(':');
            if (colon > 0 && colon <= 40 && "from".equals(data.field(text.substring(0, colon).strip()))) {
                return e;
            }
        }
        return null;
    }
}
