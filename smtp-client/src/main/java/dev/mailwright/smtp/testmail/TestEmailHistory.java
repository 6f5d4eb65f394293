package dev.mailwright.smtp.testmail;

import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.spi.DiagnosticsContributor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The last test emails, kept in memory, and the diagnostics report's {@code test-email} section:
 * one fact per recent test and the findings of the latest. Give it to
 * {@link EmailSettingsTester.Builder#history(TestEmailHistory)} and to the report
 * ({@code DiagnosticsReport.builder().contributor(history)}). Thread-safe.
 */
public final class TestEmailHistory implements DiagnosticsContributor {
    private final int capacity;
    private final Deque<TestEmailResult> results = new ArrayDeque<>();

    /** @param capacity how many results to keep, at least 1 */
    public TestEmailHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** @param result a test email's outcome to remember */
    public synchronized void record(TestEmailResult result) {
        results.addFirst(Objects.requireNonNull(result, "result"));
        while (results.size() > capacity) {
            results.removeLast();
        }
    }

    /** @return the results kept, the latest first */
    public synchronized List<TestEmailResult> results() {
        return List.copyOf(new ArrayList<>(results));
    }

    @Override
    public String name() {
        return "test-email";
    }

    @Override
    public DiagnosticsSection contribute(EmailSettings settings) {
        List<TestEmailResult> recent = results();
        if (recent.isEmpty()) {
            return new DiagnosticsSection(name(), "Last test emails", Map.of("tests", "none since start"), List.of());
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (TestEmailResult r : recent) {
            facts.put(r.startedAt().toString(), "to " + r.to() + ": "
                    + (r.delivered() ? "delivered" : "not delivered (" + r.failure().orElseThrow().code() + ")"));
        }
        return new DiagnosticsSection(name(), "Last test emails", facts, recent.get(0).findings());
    }
}
