package dev.mailwright.core.diagnostics;

import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Finding;
import dev.mailwright.core.spi.DiagnosticsContributor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls diagnostics contributors; a failing one is skipped with a clear message, never an exception. */
final class Contributors {
    private static final Logger LOG = LoggerFactory.getLogger(Contributors.class);

    private Contributors() {
    }

    static List<DiagnosticsSection> sections(List<DiagnosticsContributor> given, ClassLoader loader, EmailSettings settings) {
        List<DiagnosticsContributor> all = new ArrayList<>(given);
        List<DiagnosticsSection> out = new ArrayList<>();
        if (loader != null) {
            Iterator<DiagnosticsContributor> it = ServiceLoader.load(DiagnosticsContributor.class, loader).iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    all.add(it.next());
                } catch (ServiceConfigurationError e) {
                    LOG.warn("Skipping a diagnostics contributor that cannot be loaded: {}", e.getMessage());
                    out.add(DiagnosticsReport.failedContributor("service-loader", e));
                }
            }
        }
        if (settings == null && !all.isEmpty()) {
            out.add(new DiagnosticsSection("contributors", "Contributors", Map.of(), List.of(Finding.info(
                    "diagnostics.contributors.skipped", all.size() + " contributor(s) not called: no settings were given"))));
            return out;
        }
        for (DiagnosticsContributor c : all) {
            String name = safeName(c);
            try {
                out.add(c.contribute(settings));
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Diagnostics contributor {} failed: {}", name, e.toString());
                out.add(DiagnosticsReport.failedContributor(name, e));
            }
        }
        return out;
    }

    private static String safeName(DiagnosticsContributor c) {
        try {
            return c.name();
        } catch (RuntimeException e) {
            return c.getClass().getName();
        }
    }
}
