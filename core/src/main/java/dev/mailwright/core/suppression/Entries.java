package dev.mailwright.core.suppression;

import java.time.Instant;
import java.util.Optional;

/**
 * The line format of the file store, one change per line, fields separated by tabs:
 * {@code 1 put <address> <score> <hard> <soft> <complaints> <lastEventAt> <lastProblem> <suppressedAt> <eventId> <detail>}
 * or {@code 1 del <address>}; instants in epoch milliseconds, {@code -} for none; tabs, line
 * breaks and backslashes in texts escaped with a backslash.
 */
final class Entries {
    private static final String VERSION = "1";

    private Entries() {
    }

    /** @return the entry, after checking that the change kept its address */
    static SuppressionEntry checked(String address, SuppressionEntry entry) {
        if (entry == null || !entry.address().equals(address)) {
            throw new IllegalStateException("a suppression change must return an entry for " + address + ", returned "
                    + (entry == null ? "null" : entry.address()));
        }
        return entry;
    }

    static String put(SuppressionEntry e) {
        return String.join("\t", VERSION, "put", e.address(), Integer.toString(e.score()), Integer.toString(e.hardBounces()),
                Integer.toString(e.softBounces()), Integer.toString(e.complaints()), instant(e.lastEventAt()),
                e.lastProblem() == null ? "-" : e.lastProblem().name(), instant(e.suppressedAt()),
                escape(e.lastEventId()), escape(e.lastDetail())) + "\n";
    }

    static String delete(String address) {
        return VERSION + "\tdel\t" + address + "\n";
    }

    /** A parsed line: the entry put, or the address deleted (entry null). */
    record Change(String address, SuppressionEntry entry) {
    }

    /** @return the change on the line, or empty when the line is not one this version wrote */
    static Optional<Change> parse(String line) {
        String[] f = line.split("\t", -1);
        try {
            if (f.length == 3 && f[0].equals(VERSION) && f[1].equals("del")) {
                return Optional.of(new Change(f[2], null));
            }
            if (f.length != 12 || !f[0].equals(VERSION) || !f[1].equals("put")) {
                return Optional.empty();
            }
            SuppressionEntry e = new SuppressionEntry(f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]), Integer.parseInt(f[6]), instant(f[7]),
                    f[8].equals("-") ? null : DeliveryProblem.valueOf(f[8]), unescape(f[11]), unescape(f[10]), instant(f[9]));
            return Optional.of(new Change(e.address(), e));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String instant(Instant i) {
        return i == null ? "-" : Long.toString(i.toEpochMilli());
    }

    private static Instant instant(String s) {
        return s.equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(s));
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
