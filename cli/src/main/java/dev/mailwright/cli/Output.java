package dev.mailwright.cli;

import dev.mailwright.core.Finding;
import dev.mailwright.core.diagnostics.ReportRenderer;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one shape of every {@code --json} document the command prints:
 * {@code {"ok": true|false, "command": "dns check", "result": {...}, "problems": [...]}}. {@code ok}
 * is true exactly when the exit code is 0; {@code result} is the command's own data (null when an
 * error stopped it); {@code problems} lists what went wrong, each with a {@code code}, a
 * {@code message} and, when known, a {@code remedy} (empty when ok). Errors that stop a command
 * (exit code 3) and usage errors (exit code 2) are printed in the same shape when {@code --json}
 * was given.
 */
final class Output {
    private Output() {
    }

    /**
     * @param spec the command
     * @return its name without the root, such as {@code dns check}
     */
    static String commandName(CommandSpec spec) {
        String q = spec.qualifiedName(" ");
        String root = spec.root().name();
        return q.equals(root) ? root : q.substring(root.length() + 1);
    }

    /**
     * @param command the command's name
     * @param ok whether it succeeded (exit code 0)
     * @param result its data, or null
     * @param problems what went wrong
     * @return the envelope
     */
    static Map<String, Object> envelope(String command, boolean ok, Object result, List<?> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok);
        m.put("command", command);
        m.put("result", result);
        m.put("problems", problems);
        return m;
    }

    /** Prints the envelope of a command's result as one line of JSON on standard output. */
    static void print(CommandSpec spec, boolean ok, Object result, List<?> problems) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.write(envelope(commandName(spec), ok, result, problems)));
        out.flush();
    }

    /**
     * @param code a stable code
     * @param message what went wrong
     * @param remedy what to do, or empty
     * @return a problem of the envelope
     */
    static Map<String, Object> problem(String code, String message, String remedy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("message", message);
        m.put("remedy", remedy == null ? "" : remedy);
        return m;
    }

    /**
     * @param findings findings
     * @return the failures among them, as problems
     */
    static List<Map<String, Object>> problems(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity().isFailure()).map(f -> problem(f.code(), f.message(), f.remedy()))
                .toList();
    }

    /**
     * @param value an enum value
     * @return its one printed form: lower case with hyphens
     */
    static String value(Enum<?> value) {
        return ReportRenderer.value(value);
    }
}
