package dev.mailwright.dns.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/** {@code tag=value; tag=value} lists of DMARC, DKIM, MTA-STS and TLS-RPT records. */
final class TagList {
    private TagList() {
    }

    /** @return the tags in order, names lower case, values trimmed; a part without '=' maps to null */
    static Map<String, String> parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                tags.put(p.toLowerCase(Locale.ROOT), null);
            } else {
                tags.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), p.substring(eq + 1).strip());
            }
        }
        return tags;
    }

    /** @return each TXT record's strings joined with "" (a long key is split into several strings) */
    static List<String> texts(Answer txt) {
        List<String> out = new ArrayList<>();
        for (Record r : txt.records()) {
            out.add(String.join("", ((TXTRecord) r).getStrings()));
        }
        return out;
    }

    /** @return the texts that start with the version tag, such as {@code v=DMARC1} */
    static List<String> withVersion(Answer txt, String version) {
        List<String> out = new ArrayList<>();
        for (String t : texts(txt)) {
            String s = t.strip();
            if (s.equals(version) || s.startsWith(version + ";") || s.startsWith(version + " ")) {
                out.add(s);
            }
        }
        return out;
    }
}
