package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.suppression.DeliveryProblem;
import dev.mailwright.core.suppression.SuppressionList;
import dev.mailwright.core.suppression.SuppressionStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailwright suppression list|lift} on the file a running host keeps open. */
class SuppressionCommandTest {
    @TempDir
    Path dir;

    @Test
    void listAndLift_onTheFileTheHostUses_whileTheHostHasItOpen() {
        Path file = dir.resolve("suppressions.tsv");
        try (SuppressionList host = SuppressionList.builder().store(SuppressionStores.file(file)).build()) {
            host.record("gone@example.com", DeliveryProblem.HARD_BOUNCE, "hard bounce: 5.1.1: user unknown", "<1@mta>");
            host.record("gone@example.com", DeliveryProblem.HARD_BOUNCE, "hard bounce: 5.1.1: user unknown", "<2@mta>");
            host.record("full@example.com", DeliveryProblem.SOFT_BOUNCE, "soft bounce: 5.2.2", "<3@mta>");

            CliRunner.Result list = CliRunner.run("suppression", "list", "--file", file.toString());
            assertThat(list.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(list.out()).contains("gone@example.com  suppressed since").contains("score 4 (hard 2, soft 0")
                    .contains("last: hard bounce: 5.1.1: user unknown").doesNotContain("full@example.com");
            CliRunner.Result all = CliRunner.run("suppression", "list", "--all", "--json", "--file", file.toString());
            assertThat(all.out()).startsWith("{\"ok\":true,\"command\":\"suppression list\",\"result\":[{\"address\":"
                    + "\"full@example.com\",\"suppressed\":false,\"suppressedAt\":null,\"score\":1,")
                    .contains("{\"address\":\"gone@example.com\",\"suppressed\":true,").contains("\"lastProblem\":\"hard-bounce\"");
            CliRunner.Result unknown = CliRunner.run("suppression", "lift", "--json", "--file", file.toString(), "nobody@example.com");
            assertThat(unknown.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(unknown.out()).startsWith("{\"ok\":false,\"command\":\"suppression lift\"")
                    .contains("\"lifted\":false").contains("suppression.unknown-address");

            CliRunner.Result lift = CliRunner.run("suppression", "lift", "--file", file.toString(), "Gone@Example.com");
            assertThat(lift.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(lift.out()).contains("lifted: gone@example.com");
            assertThat(host.isSuppressed("gone@example.com")).isFalse();
            assertThat(CliRunner.run("suppression", "lift", "--file", file.toString(), "gone@example.com").exitCode())
                    .isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(CliRunner.run("suppression", "list", "--file", file.toString()).out()).contains("no address is suppressed");
        }
    }

    @Test
    void aMissingFile_isAnErrorNamingThePath_notANewEmptyList() {
        Path missing = dir.resolve("nope.tsv");
        CliRunner.Result r = CliRunner.run("suppression", "list", "--file", missing.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains(missing.toString()).contains("SuppressionStores.file");
        assertThat(CliRunner.run("suppression", "lift").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
