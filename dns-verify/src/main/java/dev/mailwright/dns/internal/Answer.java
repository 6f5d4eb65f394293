package dev.mailwright.dns.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.xbill.DNS.Record;

/** The outcome of one DNS question, as a value: records, no data, no such name, or no answer. */
sealed interface Answer permits Answer.Records, Answer.NoData, Answer.NxDomain, Answer.Failed {

    /** @return the question, such as {@code reply.example.test. A} */
    String question();

    /** @return the lines that show the answer, for a finding's evidence */
    List<String> evidence();

    /** @return the records of the asked type (empty unless {@link Records}) */
    default List<Record> records() {
        return List.of();
    }

    /** @return true when the name or its data does not exist (NXDOMAIN or NODATA) */
    default boolean isEmpty() {
        return this instanceof NoData || this instanceof NxDomain;
    }

    /** Records of the asked type, after following CNAMEs. */
    record Records(String question, List<Record> records, List<String> aliases) implements Answer {
        public Records {
            records = List.copyOf(records);
            aliases = List.copyOf(aliases);
        }

        @Override
        public List<String> evidence() {
            List<String> lines = aliases.stream().map(a -> "CNAME " + a).collect(Collectors.toList());
            records.forEach(r -> lines.add(r.toString().replace('\t', ' ')));
            return lines;
        }
    }

    /** The name exists but has no record of the asked type. */
    record NoData(String question, List<String> aliases) implements Answer {
        public NoData {
            aliases = List.copyOf(aliases);
        }

        @Override
        public List<String> evidence() {
            return List.of(question + ": no record (NODATA)" + (aliases.isEmpty() ? "" : " after CNAME " + aliases));
        }
    }

    /** The name does not exist. */
    record NxDomain(String question) implements Answer {
        @Override
        public List<String> evidence() {
            return List.of(question + ": no such name (NXDOMAIN)");
        }
    }

    /** No usable answer: timeout, SERVFAIL, REFUSED, network error. */
    record Failed(String question, String reason, boolean timedOut) implements Answer {
        @Override
        public List<String> evidence() {
            return List.of(question + ": " + reason);
        }
    }
}
