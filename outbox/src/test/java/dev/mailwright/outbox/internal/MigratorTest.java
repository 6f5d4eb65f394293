package dev.mailwright.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The migrator's list of scripts is the folder's, in version order, and each splits into statements. */
class MigratorTest {

    @Test
    void theScriptListsNameEveryFileOfTheirFolder_inVersionOrder() throws IOException {
        assertThat(Migrator.POSTGRESQL).containsExactlyElementsOf(files("mailwright-postgresql"));
        assertThat(Migrator.SQLITE).containsExactlyElementsOf(files("mailwright-sqlite"));
    }

    @Test
    void eachScriptSplitsIntoItsStatements_withoutTheComments() {
        List<String> pg = new Migrator("mailwright-postgresql", Migrator.POSTGRESQL).scripts().get(0).statements();
        assertThat(pg).hasSize(3);
        assertThat(new Migrator("mailwright-postgresql", Migrator.POSTGRESQL).scripts().get(1).statements()).hasSize(3)
                .allSatisfy(statement -> assertThat(statement).startsWith("CREATE TABLE mailwright_"));
        assertThat(pg.get(0)).startsWith("CREATE TABLE mailwright_outbox (").doesNotContain("--").doesNotEndWith(";");
        assertThat(new Migrator("mailwright-sqlite", Migrator.SQLITE).scripts().get(0).statements()).hasSize(3);
    }

    private static List<String> files(String folder) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("src/main/resources/db", folder))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
    }

    private static int version(String name) {
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
