package dev.mailwright.cli;

import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.EntryState;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** Which entries: {@code --state}, {@code --domain}, {@code --id}, {@code --older-than}. */
final class OutboxFilterOptions {
    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Queued, leased, sent, failed or dead; several separated by commas (default: ${DEFAULT-VALUE})",
            defaultValue = "dead")
    List<String> states;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only entries for this recipient domain.")
    String domain;

    @Option(names = "--id", paramLabel = "ID", description = "Only this entry.")
    Long id;

    @Option(names = "--older-than", paramLabel = "AGE",
            description = "Only entries finished (or created) longer ago than this: 90s, 30m, 12h, 7d or ISO-8601 (P7D)")
    String olderThan;

    EntryFilter filter(Clock clock) {
        Set<EntryState> set = EnumSet.noneOf(EntryState.class);
        states.forEach(s -> set.add(EntryState.of(s)));
        EntryFilter f = new EntryFilter(set, domain, null, id);
        return olderThan == null ? f : f.withBefore(clock.instant().minus(age(olderThan)));
    }

    /**
     * @param text 90s, 30m, 12h, 7d or an ISO-8601 duration
     * @return the duration
     */
    static Duration age(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d+[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("--older-than '" + text + "' is not a duration; use 90s, 30m, 12h, 7d or P7D");
        }
    }
}
