package dev.mailwright.cli;

import dev.mailwright.core.DkimKeyFile;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import dev.mailwright.core.ValidationProblem;
import dev.mailwright.core.dkim.DkimSigningKey;
import dev.mailwright.dns.DkimKeyCheck;
import dev.mailwright.dns.ResolverSettings;
import dev.mailwright.smtp.DkimKeys;
import dev.mailwright.smtp.SmtpException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The DKIM part of {@code mailwright settings validate}: each key file must parse as a signing key
 * (smtp-client), and DNS must publish each key's public half under its selector (dns-verify, which
 * the command line always carries). Problems become validation problems; the DNS findings are
 * printed as well.
 */
final class DkimSettingsCheck {
    /**
     * @param problems what makes the DKIM settings unusable
     * @param findings the DNS findings, passes included
     */
    record Outcome(List<ValidationProblem> problems, List<Finding> findings) {
    }

    private DkimSettingsCheck() {
    }

    /**
     * @param settings settings whose own validation found no DKIM problem
     * @param resolver the DNS servers to ask, or empty to skip the DNS check
     * @return the problems and findings; empty when the settings name no DKIM key
     */
    static Outcome run(EmailSettings settings, Optional<ResolverSettings> resolver) {
        List<ValidationProblem> problems = new ArrayList<>();
        List<DkimSigningKey> keys = new ArrayList<>();
        for (DkimKeyFile f : settings.dkim().keys()) {
            try {
                keys.add(DkimKeys.fromPem(f.selector(), f.file()));
            } catch (SmtpException | IllegalArgumentException e) {
                problems.add(new ValidationProblem("dkim.key-file", "dkim.key-file.unusable", e.getMessage()));
            }
        }
        Optional<String> domain = settings.dkim().signingDomain(settings.noReplyAddress().orElse(null));
        if (!problems.isEmpty() || keys.isEmpty() || resolver.isEmpty() || domain.isEmpty()) {
            return new Outcome(problems, List.of());
        }
        List<Finding> findings = DkimKeyCheck.check(resolver.get(), domain.get(), keys);
        for (Finding f : findings) {
            if (f.severity() == Severity.FAILURE) {
                problems.add(new ValidationProblem("dkim", f.code(), f.message() + ". " + f.remedy()
                        + " (use --no-dns to skip the DNS check)"));
            }
        }
        return new Outcome(problems, findings);
    }
}
