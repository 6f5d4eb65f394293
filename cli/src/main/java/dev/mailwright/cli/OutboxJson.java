package dev.mailwright.cli;

import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.LastFailure;
import dev.mailwright.outbox.OutboxEntry;
import dev.mailwright.outbox.OutboxStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outbox's values as the maps {@link Json} writes, and as text lines. */
final class OutboxJson {
    private OutboxJson() {
    }

    static Map<String, Object> status(OutboxStatus s, String store) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", store);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (EntryState state : EntryState.values()) {
            counts.put(state.code(), s.count(state));
        }
        m.put("counts", counts);
        m.put("oldestDueSeconds", s.oldestDueAge().toSeconds());
        m.put("measuredAt", s.measuredAt().toString());
        return m;
    }

    static String statusText(OutboxStatus s, String store) {
        StringBuilder out = new StringBuilder("outbox ").append(store).append('\n');
        for (EntryState state : EntryState.values()) {
            out.append(String.format("  %-7s %d%n", state.code(), s.count(state)));
        }
        out.append("  oldest due entry waiting: ").append(s.oldestDueAge().toSeconds()).append(" s\n");
        return out.toString();
    }

    static Map<String, Object> entry(OutboxEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("state", e.state().code());
        m.put("recipient", e.recipient());
        m.put("domain", e.domain());
        m.put("messageId", e.messageId());
        m.put("summary", e.summary());
        m.put("createdAt", e.createdAt().toString());
        m.put("dueAt", e.dueAt().toString());
        m.put("attempts", e.attempts());
        m.put("leaseOwner", e.leaseOwner());
        m.put("finishedAt", time(e.finishedAt()));
        m.put("queueId", e.queueId());
        m.put("idempotencyKey", e.idempotencyKey());
        m.put("lastFailure", e.lastFailure() == null ? null : failure(e.lastFailure()));
        return m;
    }

    static String entryText(OutboxEntry e) {
        return String.format("%d %-6s attempts=%d %s %s%s%s", e.id(), e.state().code(), e.attempts(), e.recipient(),
                e.summary(), e.queueId() == null ? "" : " queued as " + e.queueId(),
                e.lastFailure() == null ? "" : "\n    last failure: " + e.lastFailure());
    }

    private static Map<String, Object> failure(LastFailure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category", f.category().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        m.put("replyCode", f.replyCode() == 0 ? null : (Object) f.replyCode());
        m.put("enhancedStatus", f.enhancedStatus());
        m.put("detail", f.detail());
        return m;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
