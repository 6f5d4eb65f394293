package dev.mailwright.cli;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import dev.mailwright.core.SettingsKey;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.core.ValidationProblem;
import dev.mailwright.core.ValidationResult;
import dev.mailwright.core.diagnostics.RedactedSettings;
import dev.mailwright.core.diagnostics.ReportRenderer;
import dev.mailwright.dns.ResolverSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailwright settings}: validate settings files and list the settings keys. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Validate email settings files and list the settings keys.",
        subcommands = {SettingsCommand.Validate.class, SettingsCommand.Keys.class})
final class SettingsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code mailwright settings validate FILE}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Validate a settings file (properties with mailwright.* keys).",
                "With DKIM keys, also reads each key file and checks that DNS publishes its public key.",
                "Prints each problem as 'field: message'; exit code 0 when valid, 1 when there is any problem."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The settings file.")
        Path file;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Option(names = "--resolver", paramLabel = "ADDRESS[:PORT]",
                description = "DNS server for the DKIM key check (repeatable); default: the system's resolvers.")
        List<String> resolvers = new ArrayList<>();

        @Option(names = "--dns-timeout", paramLabel = "DURATION", defaultValue = "3s",
                description = "Timeout of each DNS query of the DKIM key check (default: ${DEFAULT-VALUE}).")
        String dnsTimeout;

        @Option(names = "--no-dns", description = "Do not check that DNS publishes the DKIM keys.")
        boolean noDns;

        @Override
        public Integer call() {
            EmailSettings settings = SettingsLoader.fromFile(file);
            ValidationResult own = settings.validate();
            DkimSettingsCheck.Outcome dkim = new DkimSettingsCheck.Outcome(List.of(), List.of());
            if (own.problems().stream().noneMatch(p -> p.path().startsWith("dkim"))) {
                dkim = DkimSettingsCheck.run(settings, noDns ? Optional.empty() : Optional.of(resolver()));
            }
            List<ValidationProblem> all = new ArrayList<>(own.problems());
            all.addAll(dkim.problems());
            ValidationResult result = new ValidationResult(all);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("file", file.toString());
                doc.put("valid", result.isValid());
                doc.put("problems", result.problems().stream().map(SettingsCommand::problem).toList());
                doc.put("settings", RedactedSettings.of(settings));
                doc.put("dkim", ReportRenderer.data(dkim.findings()));
                Output.print(spec, result.isValid(), doc, result.problems().stream()
                        .map(p -> Output.problem("settings." + p.code(), p.toString(), "")).toList());
            } else {
                dkim.findings().stream().filter(f -> f.severity() != Severity.FAILURE)
                        .forEach(f -> out.println("dkim: " + f.severity().name().toLowerCase(Locale.ROOT) + ": "
                                + f.message()));
                if (result.isValid()) {
                    out.println(file + ": valid");
                } else {
                    result.problems().forEach(out::println);
                }
            }
            out.flush();
            return result.isValid() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }

        private ResolverSettings resolver() {
            Duration t = SettingsLoader.parseDuration(dnsTimeout);
            return (resolvers.isEmpty() ? ResolverSettings.system()
                    : ResolverSettings.of(resolvers.toArray(new String[0]))).withTimeout(t);
        }
    }

    /** {@code mailwright settings keys}. */
    @Command(name = "keys", mixinStandardHelpOptions = true,
            description = "List every settings key with its environment variable and meaning.")
    static final class Keys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print the keys as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.print(spec, true, java.util.Arrays.stream(SettingsKey.values()).map(k -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("key", k.property());
                    m.put("environmentVariable", k.environmentVariable());
                    m.put("description", k.description());
                    return m;
                }).toList(), List.of());
                return ExitCodes.OK;
            }
            for (SettingsKey key : SettingsKey.values()) {
                out.printf("%-34s %-34s %s%n", key.property(), key.environmentVariable(), key.description());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static Map<String, Object> problem(ValidationProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", p.path());
        m.put("code", p.code());
        m.put("message", p.message());
        return m;
    }
}
