package dev.mailwright.cli;

import dev.mailwright.core.ThreadType;
import dev.mailwright.smtp.Actor;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.Reason;
import dev.mailwright.smtp.Recipient;
import dev.mailwright.smtp.ThreadKind;
import dev.mailwright.smtp.ThreadRef;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Reads the notification file of {@code mailwright notify}: strict JSON with exactly these keys
 * (unknown keys are errors, so a typo is never silently ignored):
 *
 * <pre>{@code
 * {
 *   "thread": {"owner": "octo", "repository": "hello-world", "kind": "issue", "key": "42", "id": 1001},
 *   "eventId": "c9001",
 *   "reason": "mention",
 *   "actor": {"login": "monalisa", "name": "Mona Lisa"},
 *   "recipient": {"address": "octocat@example.com", "userId": 5, "login": "octocat"},
 *   "title": "Crash on empty settings",
 *   "text": "Plain-text body",
 *   "html": "<p>HTML body</p>",
 *   "url": "https://ghe.example.com/octo/hello-world/issues/42",
 *   "unsubscribeUrl": "https://ghe.example.com/notifications/unsubscribe/AB12"
 * }
 * }</pre>
 *
 * {@code kind} is {@code issue}, {@code pull_request}, {@code commit} or an object
 * {@code {"path": "discussions", "replyType": "d", "keyPrefix": "#"}}; {@code reason} is a
 * built-in name or {@code {"name": ..., "sentence": ...}}; {@code eventId}, {@code html} and
 * {@code unsubscribeUrl} are optional.
 */
final class NotifyNotificationFile {
    private static final Set<String> TOP = Set.of("thread", "eventId", "reason", "actor", "recipient", "title", "text", "html",
            "url", "unsubscribeUrl");

    private NotifyNotificationFile() {
    }

    /**
     * @param json the file's text
     * @return the notification
     * @throws IllegalArgumentException naming the field (as a JSON path) and the problem
     */
    static Notification read(String json) {
        Map<String, Object> root = object(Json.read(json), "$");
        keys(root, "$", TOP);
        Map<String, Object> thread = object(root.get("thread"), "$.thread");
        Map<String, Object> actor = object(root.get("actor"), "$.actor");
        Map<String, Object> recipient = object(root.get("recipient"), "$.recipient");
        keys(thread, "$.thread", Set.of("owner", "repository", "kind", "key", "id"));
        keys(actor, "$.actor", Set.of("login", "name"));
        keys(recipient, "$.recipient", Set.of("address", "userId", "login"));
        Notification.Builder b = Notification.builder()
                    .thread(new ThreadRef(string(thread, "owner", "$.thread"), string(thread, "repository", "$.thread"),
                            kind(thread.get("kind")), string(thread, "key", "$.thread"), number(thread, "id", "$.thread")))
                    .reason(reason(root.get("reason")))
                    .actor(new Actor(string(actor, "login", "$.actor"), string(actor, "name", "$.actor")))
                    .recipient(new Recipient(string(recipient, "address", "$.recipient"), number(recipient, "userId", "$.recipient"),
                            string(recipient, "login", "$.recipient")))
                    .title(string(root, "title", "$"))
                    .textBody(string(root, "text", "$"))
                    .threadUrl(uri(string(root, "url", "$"), "$.url"));
        // the optional fields are set only when given: a builder refuses null
        if (optional(root, "eventId") != null) {
            b.eventId(optional(root, "eventId"));
        }
        if (optional(root, "html") != null) {
            b.htmlBody(optional(root, "html"));
        }
        if (optional(root, "unsubscribeUrl") != null) {
            b.unsubscribeUrl(uri(optional(root, "unsubscribeUrl"), "$.unsubscribeUrl"));
        }
        return b.build();
    }

    private static ThreadKind kind(Object value) {
        if (value instanceof String s) {
            return switch (s) {
                case "issue" -> ThreadKind.ISSUE;
                case "pull_request" -> ThreadKind.PULL_REQUEST;
                case "commit" -> ThreadKind.COMMIT_COMMENT;
                default -> throw new IllegalArgumentException("$.thread.kind '" + s
                        + "' is not issue, pull_request or commit; for another kind give {\"path\", \"replyType\", \"keyPrefix\"}");
            };
        }
        Map<String, Object> k = object(value, "$.thread.kind");
        keys(k, "$.thread.kind", Set.of("path", "replyType", "keyPrefix"));
        String letter = string(k, "replyType", "$.thread.kind");
        ThreadType type = letter.length() == 1 ? ThreadType.fromCode(letter.charAt(0)).orElse(null) : null;
        if (type == null) {
            throw new IllegalArgumentException("$.thread.kind.replyType '" + letter + "' is not one of i, p, c, d");
        }
        return ThreadKind.custom(string(k, "path", "$.thread.kind"), type, string(k, "keyPrefix", "$.thread.kind"));
    }

    private static Reason reason(Object value) {
        if (value instanceof String s) {
            return Reason.named(s);
        }
        Map<String, Object> r = object(value, "$.reason");
        keys(r, "$.reason", Set.of("name", "sentence"));
        return Reason.custom(string(r, "name", "$.reason"), string(r, "sentence", "$.reason"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(path + " must be a JSON object" + (value == null ? " (missing)" : ""));
    }

    private static void keys(Map<String, Object> map, String path, Set<String> allowed) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(path + " has the unknown key \"" + key + "\"; allowed keys are "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private static String string(Map<String, Object> map, String key, String path) {
        Object v = map.get(key);
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(path + "." + key + (v == null ? " is missing" : " must be a string"));
    }

    private static String optional(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("$." + key + " must be a string or null");
    }

    private static long number(Map<String, Object> map, String key, String path) {
        Object v = map.get(key);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof java.math.BigInteger || v instanceof BigDecimal) {
            throw new IllegalArgumentException(path + "." + key + " " + v + " is not a whole number that fits 64 bits");
        }
        throw new IllegalArgumentException(path + "." + key + (v == null ? " is missing" : " must be a number"));
    }

    private static URI uri(String text, String path) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(path + " '" + text + "' is not a URL: " + e.getReason());
        }
    }
}
