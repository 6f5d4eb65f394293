package dev.mailwright.core.diagnostics;

import dev.mailwright.core.BuilderState;
import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Finding;
import dev.mailwright.core.Secret;
import dev.mailwright.core.ValidationResult;
import dev.mailwright.core.spi.DiagnosticsContributor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The diagnostics report an administrator reads or attaches to a support request: versions, the
 * settings with secrets redacted and their validation result, and the sections other modules
 * contribute (the last test email with its findings, the DNS report, inbound statistics) through
 * {@link DiagnosticsContributor}, found with {@link java.util.ServiceLoader} or passed in code.
 * {@link ReportRenderer} lays it out as text or as data for JSON. Immutable.
 *
 * <pre>{@code
 * DiagnosticsReport report = DiagnosticsReport.builder().settings(settings)
 *         .section(testResult.toDiagnosticsSection()).serviceLoader(true).build();
 * System.out.println(ReportRenderer.text(report));
 * }</pre>
 */
public final class DiagnosticsReport {
    private final Instant generatedAt;
    private final Map<String, String> versions;
    private final Map<String, String> settings;
    private final ValidationResult validation;
    private final List<DiagnosticsSection> sections;

    private DiagnosticsReport(Instant generatedAt, Map<String, String> versions, Map<String, String> settings,
            ValidationResult validation, List<DiagnosticsSection> sections) {
        this.generatedAt = generatedAt;
        this.versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.validation = validation;
        this.sections = List.copyOf(sections);
    }

    /** @return a builder; versions of Java and the OS are always included */
    public static Builder builder() {
        return new Builder();
    }

    /** @return when the report was made */
    public Instant generatedAt() {
        return generatedAt;
    }

    /** @return component name to version, in order */
    public Map<String, String> versions() {
        return versions;
    }

    /** @return settings keys to values, secrets shown as {@value Secret#REDACTED}; empty without settings */
    public Map<String, String> settings() {
        return settings;
    }

    /** @return the settings' validation, when settings were given */
    public Optional<ValidationResult> validation() {
        return Optional.ofNullable(validation);
    }

    /** @return the contributed sections, in order */
    public List<DiagnosticsSection> sections() {
        return sections;
    }

    /** @return true when the settings are invalid or a section has a failure */
    public boolean hasFailures() {
        return validation != null && !validation.isValid()
                || sections.stream().flatMap(s -> s.findings().stream()).anyMatch(f -> f.severity().isFailure());
    }

    @Override
    public String toString() {
        return "DiagnosticsReport[" + generatedAt + ", " + sections.size() + " sections]";
    }

    static Map<String, String> redacted(EmailSettings s) {
        Map<String, String> out = new LinkedHashMap<>(RedactedSettings.of(s));
        if (s.tokenSupplier().isPresent() && s.password().isEmpty()) {
            out.put("xoauth2 token supplier", "set");
        }
        return out;
    }

    /** Builds a {@link DiagnosticsReport}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> versions = new LinkedHashMap<>();
        private EmailSettings settings;
        private final List<DiagnosticsSection> sections = new ArrayList<>();
        private final List<DiagnosticsContributor> contributors = new ArrayList<>();
        private ClassLoader serviceLoader;
        private final BuilderState state = new BuilderState("DiagnosticsReport.Builder");

        private Builder() {
            String core = DiagnosticsReport.class.getPackage().getImplementationVersion();
            versions.put("mailwright-core", core == null ? "development build" : core);
            versions.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
            versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        }

        /** @param clock the report's time @return this */
        public Builder clock(Clock clock) {
            this.clock = state.set("clock", clock);
            return this;
        }

        /** @param component a component name, such as {@code mailwright-smtp-client} @param version its version @return this */
        public Builder version(String component, String version) {
            state.set("version of " + Objects.requireNonNull(component, "component"), Objects.requireNonNull(version, "version"));
            versions.put(component, version);
            return this;
        }

        /** @param settings the settings the report is about (secrets are redacted) @return this */
        public Builder settings(EmailSettings settings) {
            this.settings = state.set("settings", settings);
            return this;
        }

        /** @param section a section computed by the caller, such as the last test email @return this */
        public Builder section(DiagnosticsSection section) {
            sections.add(Objects.requireNonNull(section, "section"));
            return this;
        }

        /** @param contributor a contributor to call when building @return this */
        public Builder contributor(DiagnosticsContributor contributor) {
            contributors.add(Objects.requireNonNull(contributor, "contributor"));
            return this;
        }

        /**
         * @param use also call every {@link DiagnosticsContributor} that {@link java.util.ServiceLoader}
         *     finds through the context class loader
         * @return this
         */
        public Builder serviceLoader(boolean use) {
            state.set("serviceLoader", use);
            this.serviceLoader = use ? Thread.currentThread().getContextClassLoader() : null;
            return this;
        }

        /**
         * @param loader also call every {@link DiagnosticsContributor} that {@link java.util.ServiceLoader}
         *     finds through this class loader
         * @return this
         */
        public Builder serviceLoader(ClassLoader loader) {
            this.serviceLoader = state.set("serviceLoader", loader);
            return this;
        }

        /** @return the report; contributors are called now, each failure becomes a warning finding */
        public DiagnosticsReport build() {
            List<DiagnosticsSection> all = new ArrayList<>(sections);
            all.addAll(Contributors.sections(contributors, serviceLoader, settings));
            return new DiagnosticsReport(clock.instant(), versions, settings == null ? Map.of() : redacted(settings),
                    settings == null ? null : settings.validate(), all);
        }
    }

    /** @return a warning section for a contributor that failed */
    static DiagnosticsSection failedContributor(String name, Throwable e) {
        return new DiagnosticsSection(name, "Contributor " + name + " failed", Map.of(),
                List.of(Finding.warning("diagnostics.contributor.failed", "the diagnostics contributor " + name
                        + " failed: " + e, "Check that its module is complete and up to date; the rest of the report is unaffected.")));
    }
}
