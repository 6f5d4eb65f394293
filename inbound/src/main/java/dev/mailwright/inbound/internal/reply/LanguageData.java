package dev.mailwright.inbound.internal.reply;

import dev.mailwright.inbound.reply.ReplyDataException;
import dev.mailwright.inbound.reply.ReplyPatternKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The language data of the extractor: the built-in files plus what a host added. Immutable. */
final class LanguageData {
    private static final String FOLDER = "/dev/mailwright/inbound/reply/";

    private final List<Glob> replyHeaders;
    private final GlobSet headers;
    private final Set<String> separators;
    private final Map<String, String> fieldByLabel;
    private final GlobSet signatures;
    private final GlobSet disclaimers;
    private final GlobSet footers;

    private LanguageData(Map<ReplyPatternKind, List<String>> lines) {
        replyHeaders = globs(lines, ReplyPatternKind.REPLY_HEADER);
        for (Glob g : replyHeaders) {
            if (g.leadingStar() && g.trailingStar()) {
                throw new ReplyDataException(ReplyPatternKind.REPLY_HEADER.fileName() + ": \"" + g.source()
                        + "\" opens and ends with '*': give a reply header literal text at its start or its end");
            }
        }
        headers = new GlobSet(replyHeaders);
        separators = new HashSet<>();
        for (String line : lines.get(ReplyPatternKind.SEPARATOR)) {
            separators.add(Normalizer.normalize(line));
        }
        fieldByLabel = fields(lines.get(ReplyPatternKind.HEADER_FIELD));
        signatures = new GlobSet(globs(lines, ReplyPatternKind.SIGNATURE));
        disclaimers = new GlobSet(globs(lines, ReplyPatternKind.DISCLAIMER));
        footers = new GlobSet(globs(lines, ReplyPatternKind.FOOTER));
    }

    /** @return false when no footer line can open and end with these (raw, visible) characters */
    boolean mayBeFooter(char first, char last) {
        return footers.mayMatch(first, last);
    }

    /** @return the built-in data plus {@code extra} */
    static LanguageData load(Map<ReplyPatternKind, List<String>> extra) {
        Map<ReplyPatternKind, List<String>> lines = new EnumMap<>(ReplyPatternKind.class);
        for (ReplyPatternKind kind : ReplyPatternKind.values()) {
            List<String> all = new ArrayList<>(readBuiltIn(kind));
            for (String line : extra.getOrDefault(kind, List.of())) {
                all.add(checkExtra(kind, line));
            }
            lines.put(kind, patternLines(all));
        }
        return new LanguageData(lines);
    }

    private static String checkExtra(ReplyPatternKind kind, String line) {
        if (line == null || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new ReplyDataException("an added " + kind + " pattern must be one line, was "
                    + (line == null ? "null" : "\"" + line.replace("\n", "\\n") + "\""));
        }
        return line;
    }

    private static List<String> readBuiltIn(ReplyPatternKind kind) {
        String name = FOLDER + kind.fileName();
        try (InputStream in = LanguageData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ReplyDataException("the built-in reply patterns " + name
                        + " are missing from the class path: use an unmodified mailwright-inbound jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().toList();
        } catch (IOException e) {
            throw new ReplyDataException("cannot read the built-in reply patterns " + name, e);
        }
    }

    private static List<String> patternLines(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String line : raw) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Glob> globs(Map<ReplyPatternKind, List<String>> lines, ReplyPatternKind kind) {
        List<Glob> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : lines.get(kind)) {
            try {
                Glob glob = Glob.parse(line);
                if (seen.add(glob.parts() + "/" + glob.leadingStar() + glob.trailingStar())) {
                    out.add(glob);
                }
            } catch (IllegalArgumentException e) {
                throw new ReplyDataException(kind.fileName() + ": " + e.getMessage()
                        + ": write the literal text the pattern must hold", e);
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, String> fields(List<String> lines) {
        Map<String, String> map = new HashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            String field = eq < 0 ? "" : line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            if (!Set.of("from", "sent", "to", "cc", "subject").contains(field) || eq == line.length() - 1) {
                throw new ReplyDataException("header-fields: \"" + line
                        + "\" is not `field = label` with field one of from, sent, to, cc, subject");
            }
            map.putIfAbsent(Normalizer.normalize(line.substring(eq + 1)), field);
        }
        return Map.copyOf(map);
    }

    /** @return the reply-header patterns */
    List<Glob> replyHeaders() {
        return replyHeaders;
    }

    /**
     * A cheap first test before a line is normalized and matched: can a reply header end with
     * this (lower-cased) character, or start with it?
     */
    boolean mayBeHeader(char first, char last) {
        return headers.mayMatch(first, last);
    }

    /**
     * @param normalized a normalized candidate line, decoration removed
     * @param anchoredOnly true to try only patterns with literal text before their first '*'
     * @return true when a reply-header pattern matches it
     */
    boolean isHeader(String normalized, boolean anchoredOnly) {
        return headers.matches(normalized, anchoredOnly);
    }

    /** @return true when the normalized phrase (dashes already stripped) is a separator */
    boolean isSeparatorPhrase(String phrase) {
        return separators.contains(phrase);
    }

    /** @return from, sent, to, cc or subject for a normalized label, or null */
    String field(String label) {
        return fieldByLabel.get(label);
    }

    /** @return true for a whole-line signature; Markdown links count by their text ("Get [Outlook](…)") */
    boolean isSignature(String normalized) {
        return signatures.matches(normalized)
                || normalized.indexOf("](") > 0 && signatures.matches(withoutLinks(normalized));
    }

    /** @return the text with each Markdown link "[text](target)" replaced by its text */
    static String withoutLinks(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf('[', i);
            int mid = open < 0 ? -1 : s.indexOf("](", open);
            int close = mid < 0 ? -1 : s.indexOf(')', mid);
            if (close < 0) {
                out.append(s, i, s.length());
                break;
            }
            out.append(s, i, open).append(s, open + 1, mid);
            i = close + 1;
        }
        return out.toString();
    }

    boolean isDisclaimerStart(String normalized) {
        return disclaimers.matches(normalized);
    }

    boolean isFooter(String normalized) {
        return footers.matches(normalized);
    }

    /** @return false when no signature line can open and end with these (raw, visible) characters */
    boolean mayBeSignature(char first, char last) {
        return signatures.mayMatch(first, last);
    }
}
