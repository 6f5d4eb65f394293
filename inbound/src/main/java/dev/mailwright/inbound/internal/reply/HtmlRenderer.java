package dev.mailwright.inbound.internal.reply;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Turns an HTML body into text the text parser reads: paragraphs as blank lines, lists as
 * {@code -} and {@code 1.} items, links as {@code [text](url)}, {@code <pre>} as fenced code,
 * inline {@code <code>} in backticks, quoted elements prefixed with {@code >} (so interleaved
 * answers stay between the quotes), signatures after a "-- " line. Iterative (jsoup's
 * traversor), so deep nesting cannot overflow the stack.
 */
final class HtmlRenderer implements NodeFilter {
    private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title", "meta",
            "template", "noscript", "img", "svg", "object", "iframe");
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "ul", "ol", "table", "dl", "figure", "address");
    private static final Set<String> LINES = Set.of("div", "li", "tr", "dt", "dd", "section",
            "article", "header", "footer", "main", "nav", "center", "form", "caption");

    private final Map<Element, String> marks;
    private final TextSink out = new TextSink();
    private final Deque<Integer> listCounters = new ArrayDeque<>();
    private final Deque<int[]> linkStarts = new ArrayDeque<>();
    private int preDepth;

    HtmlRenderer(Map<Element, String> marks) {
        this.marks = marks;
    }

    String text() {
        return out.finish();
    }

    @Override
    public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode text) {
            if (preDepth > 0) {
                out.verbatim(text.getWholeText());
            } else {
                out.words(text.getWholeText());
            }
            return FilterResult.CONTINUE;
        }
        if (!(node instanceof Element e)) {
            return FilterResult.CONTINUE;
        }
        String name = e.normalName();
        if (SKIPPED.contains(name) || isHidden(e)) {
            return FilterResult.SKIP_ENTIRELY;
        }
        String mark = marks.getOrDefault(e, "");
        if (HtmlStructure.REST.equals(mark)) {
            out.block(2);
            out.quoteRest();
        }
        open(e, name, mark);
        return FilterResult.CONTINUE;
    }

    private void open(Element e, String name, String mark) {
        if (HtmlStructure.SIGNATURE.equals(mark)) {
            out.signatureDelimiter();
        }
        out.block(breaks(name, mark, listCounters.size()));
        if (name.equals("blockquote") || HtmlStructure.QUOTE.equals(mark)) {
            out.enterQuote();
        }
        switch (name) {
            case "br" -> out.newline();
            case "hr" -> {
                out.block(2);
                out.line("---");
                out.block(2);
            }
            case "ul" -> listCounters.push(-1);
            case "ol" -> listCounters.push(0);
            case "li" -> listItem();
            case "pre" -> {
                out.block(2);
                out.line("```");
                preDepth++;
            }
            case "code" -> {
                if (preDepth == 0) {
                    out.raw("`");
                }
            }
            case "a" -> linkStarts.push(out.mark());
            case "td", "th" -> {
                if (e.elementSiblingIndex() > 0) {
                    out.raw(" | ");
                }
            }
            default -> {
            }
        }
    }

    private void listItem() {
        int depth = Math.max(0, listCounters.size() - 1);
        String indent = "  ".repeat(depth);
        if (listCounters.isEmpty() || listCounters.peek() < 0) {
            out.raw(indent + "- ");
        } else {
            int n = listCounters.pop() + 1;
            listCounters.push(n);
            out.raw(indent + n + ". ");
        }
    }

    @Override
    public FilterResult tail(Node node, int depth) {
        if (!(node instanceof Element e)) {
            return FilterResult.CONTINUE;
        }
        String name = e.normalName();
        String mark = marks.getOrDefault(e, "");
        int breaks = breaks(name, mark, listCounters.size() - 1);
        switch (name) {
            case "ul", "ol" -> listCounters.poll();
            case "pre" -> {
                preDepth--;
                out.block(1);
                out.line("```");
            }
            case "code" -> {
                if (preDepth == 0) {
                    out.raw("`");
                }
            }
            case "a" -> closeLink(e);
            default -> {
            }
        }
        out.block(name.equals("pre") ? 2 : Math.max(breaks, HtmlStructure.SIGNATURE.equals(mark) ? 1 : 0));
        if (name.equals("blockquote") || HtmlStructure.QUOTE.equals(mark)) {
            out.leaveQuote();
        }
        return FilterResult.CONTINUE;
    }

    /**
     * @param outerLists how many lists enclose the element
     * @return 2 for a paragraph-like element, 1 for a line-like one (and a nested list), else 0
     */
    private static int breaks(String name, String mark, int outerLists) {
        if ((name.equals("ul") || name.equals("ol")) && outerLists > 0) {
            return 1;
        }
        if (PARAGRAPHS.contains(name) || HtmlStructure.QUOTE.equals(mark)) {
            return 2;
        }
        return LINES.contains(name) ? 1 : 0;
    }

    private void closeLink(Element a) {
        int[] start = linkStarts.poll();
        String href = a.attr("href").strip();
        if (start != null && (href.startsWith("http://") || href.startsWith("https://"))) {
            out.link(start, href);
        }
    }

    private static boolean isHidden(Element e) {
        String style = e.attr("style");
        if (style.isEmpty()) {
            return e.hasAttr("hidden");
        }
        String s = style.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        return s.contains("display:none") || s.contains("mso-hide:all");
    }
}
