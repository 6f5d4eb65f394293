package dev.mailwright.inbound.internal.reply;

import dev.mailwright.inbound.reply.ExtractedReply;
import dev.mailwright.inbound.reply.ReplyInput;
import dev.mailwright.inbound.reply.ReplyTextExtractor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailwright's reply-text extractor. The text part is read first; the HTML part is used when
 * the text part shows no quote structure but the HTML does (or when there is no text part).
 * Bodies longer than the cap are analysed up to the cap; the rest is returned as removed, with
 * confidence 0, so a host sends the reply to review. Immutable and thread-safe.
 */
public final class StandardReplyTextExtractor implements ReplyTextExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(StandardReplyTextExtractor.class);

    private static final class Defaults {
        static final StandardReplyTextExtractor INSTANCE = new StandardReplyTextExtractor();
    }

    private final ExtractorSettings settings;
    private final LanguageData data;
    private final TextReplyParser parser;

    /** An extractor with the built-in language data and the default caps. */
    public StandardReplyTextExtractor() {
        this(new ExtractorSettings(DEFAULT_MAX_INPUT_CHARS, DEFAULT_MAX_LINE_CHARS, true, Map.of()));
    }

    /**
     * @param settings caps, options and added language data
     * @throws dev.mailwright.inbound.reply.ReplyDataException when added data is malformed
     */
    public StandardReplyTextExtractor(ExtractorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.data = LanguageData.load(settings.extraPatterns());
        this.parser = new TextReplyParser(data, settings.maxLineChars(), settings.inlineContext());
    }

    /** @return the shared extractor with the defaults (the language data is read once) */
    public static ReplyTextExtractor defaults() {
        return Defaults.INSTANCE;
    }

    @Override
    public ExtractedReply extract(ReplyInput input) {
        Objects.requireNonNull(input, "input");
        List<String> sent = input.sentNotificationLines();
        boolean hasText = input.text() != null && !input.text().isBlank();
        boolean hasHtml = input.html() != null && !input.html().isBlank();
        if (hasText) {
            Outcome text = fromText(input.text(), sent);
            if (!hasHtml || text.signals().anyMarker()) {
                return text.reply();
            }
            Outcome html = fromHtml(input.html(), sent);
            return html.structured() ? html.reply() : text.reply();
        }
        if (hasHtml) {
            return fromHtml(input.html(), sent).reply();
        }
        return new ExtractedReply("", "", 1.0);
    }

    private record Outcome(ExtractedReply reply, Signals signals, boolean structured) {
    }

    private Outcome fromText(String body, List<String> sent) {
        Signals signals = new Signals();
        Capped capped = cap(body, signals, "text");
        return outcome(parser.parse(capped.head(), sent, signals), capped.tail(), true);
    }

    private Outcome fromHtml(String html, List<String> sent) {
        Signals signals = new Signals();
        Capped capped = cap(html, signals, "HTML");
        Document doc = Jsoup.parse(capped.head());
        Map<Element, String> marks = HtmlStructure.mark(doc, data);
        boolean structured = !marks.isEmpty();
        HtmlRenderer renderer = new HtmlRenderer(marks);
        NodeTraversor.filter(renderer, doc.body());
        TextReplyParser.Parsed parsed = parser.parse(renderer.text(), sent, signals);
        if (!structured && !signals.anyMarker()) {
            signals.htmlWithoutStructure();
        }
        return outcome(parsed, capped.tail(), structured || signals.anyMarker());
    }

    private static Outcome outcome(TextReplyParser.Parsed parsed, String tail, boolean structured) {
        String removed = tail.isEmpty() ? parsed.removed()
                : parsed.removed() + (parsed.removed().isEmpty() ? "" : "\n\n") + tail;
        Signals signals = parsed.signals();
        ExtractedReply reply = new ExtractedReply(parsed.text(), removed, signals.confidence(parsed.keptLines()));
        return new Outcome(reply, signals, structured);
    }

    private record Capped(String head, String tail) {
    }

    private Capped cap(String body, Signals signals, String what) {
        int max = settings.maxInputChars();
        if (body.length() <= max) {
            return new Capped(body, "");
        }
        int at = body.lastIndexOf('\n', max);
        at = at <= 0 ? max : at;
        signals.truncated();
        LOG.warn("reply {} body of {} chars is longer than maxInputChars={}: the {} chars past it were "
                + "not analysed and are returned as removed, with confidence 0",
                what, body.length(), max, body.length() - at);
        return new Capped(body.substring(0, at), body.substring(at).strip());
    }
}
