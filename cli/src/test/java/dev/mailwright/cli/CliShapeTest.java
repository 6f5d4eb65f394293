package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.testing.Peers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The command line's one shape: --json everywhere in one envelope, usage errors, completion, help texts. */
class CliShapeTest {
    @TempDir
    Path dir;

    private static List<CommandSpec> leaves(CommandLine cl) {
        List<CommandSpec> out = new ArrayList<>();
        if (cl.getSubcommands().isEmpty()) {
            out.add(cl.getCommandSpec());
        }
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && sub.getCommandSpec().name().equals(name)) {
                out.addAll(leaves(sub));
            }
        });
        return out;
    }

    @Test
    void everyCommand_hasJson() {
        List<CommandSpec> leaves = leaves(Main.commandLine());
        assertThat(leaves).extracting(CommandSpec::qualifiedName).contains("mailwright settings keys",
                "mailwright address new-key", "mailwright dns records", "mailwright demo", "mailwright completion");
        assertThat(leaves).allSatisfy(c -> assertThat(c.findOption("--json")).as(c.qualifiedName()).isNotNull());
    }

    @Test
    void oneStyleOfDescription_aSentenceWithACapitalAndAFullStop() {
        for (CommandSpec c : leaves(Main.commandLine())) {
            String summary = c.usageMessage().description()[0];
            assertThat(summary).as("summary of %s", c.qualifiedName()).matches("[A-Z].*\\.");
            for (OptionSpec o : c.options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                String d = String.join(" ", o.description());
                assertThat(d).as("%s %s", c.qualifiedName(), o.longestName()).matches("([A-Z]|smtp://|--).*[.)]");
            }
        }
    }

    @Test
    void helpTexts_sayWhatEachCommandDoes() {
        CliRunner.Result inbound = CliRunner.run("inbound", "--help");
        // each summary is a whole sentence, wrapped but never cut
        assertThat(inbound.out().replaceAll("\\s+", " ")).contains(
                "run Process the replies waiting in a maildir, an IMAP folder or a POP3 mailbox and print one JSON event per message.",
                "listen Receive replies over SMTP, store them in the maildir, process them and print one JSON event each.");
        CliRunner.Result records = CliRunner.run("dns", "records", "--help");
        assertThat(records.out().replaceAll("\\s+", " ")).doesNotContain("looked up from --hostname", "DKIM selector to check")
                .contains("its A record and reverse DNS (PTR) record");
        CliRunner.Result listen = CliRunner.run("inbound", "listen", "--help");
        assertThat(listen.out()).contains("--tls-key=PEM", "--key-file=FILE").doesNotContain("--key=PEM");
    }

    @Test
    void anUnknownCommand_isAUsageError_evenWithHelp() {
        CliRunner.Result r = CliRunner.run("supression", "--help");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("supression");
        assertThat(r.out()).isEmpty();
        assertThat(CliRunner.run("dns", "recrods", "--help").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRunner.run("dns", "records", "--help").exitCode()).isZero();
    }

    @Test
    void json_isOneEnvelope_forTheCommandsThatPrintedTextOnly() {
        for (List<String> args : List.of(List.of("settings", "keys", "--json"), List.of("address", "new-key", "--json"),
                List.of("dns", "records", "--hostname", "ghe.example.com", "--ip", "192.0.2.10", "--json"),
                List.of("completion", "bash", "--json"))) {
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(args.toString()).isZero();
            Map<?, ?> envelope = (Map<?, ?>) Json.read(r.out());
            assertThat(new ArrayList<Object>(envelope.keySet())).as(args.toString()).containsExactly("ok", "command", "result", "problems");
            assertThat(envelope.get("ok")).isEqualTo(true);
            assertThat(envelope.get("problems")).isEqualTo(List.of());
        }
        assertThat(CliRunner.run("dns", "records", "--hostname", "ghe.example.com", "--ip", "192.0.2.10", "--json").out())
                .contains("\"command\":\"dns records\"", "\"zoneLine\":\"reply.ghe.example.com. 3600 IN A 192.0.2.10 ;");
        assertThat(CliRunner.run("settings", "keys", "--json").out())
                .contains("{\"key\":\"mailwright.smtp.host\",\"environmentVariable\":\"MAILWRIGHT_SMTP_HOST\"");
    }

    @Test
    void errorsThatStopACommand_areTheEnvelopeToo_withJson() {
        CliRunner.Result r = CliRunner.run("settings", "validate", "--json", dir.resolve("none.properties").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.out()).startsWith("{\"ok\":false,\"command\":\"settings validate\",\"result\":null,\"problems\":"
                + "[{\"code\":\"error\",\"message\":").contains("none.properties");
        CliRunner.Result usage = CliRunner.run("address", "encode", "--json", "--hostname", "ghe.example.com");
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.out()).startsWith("{\"ok\":false,\"command\":\"address encode\",\"result\":null,\"problems\":"
                + "[{\"code\":\"usage\",\"message\":\"Missing required option");
    }

    @Test
    void enumValues_haveOneCasing() {
        CliRunner.Result r = CliRunner.run("address", "encode", "--json", "--key-file", keyFile().toString(), "--hostname",
                "ghe.example.com", "--type", "c", "--id", "3", "--user", "4");
        assertThat(r.out()).contains("\"typeName\":\"commit-comment\"");
    }

    @Test
    void completion_isAScriptBashLoads() throws Exception {
        CliRunner.Result bash = CliRunner.run("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).contains("complete -F", "mailwright", "test-email", "--trust-pem");
        assertThat(CliRunner.run("completion", "zsh").out()).isEqualTo(bash.out()).contains("bashcompinit");
        Path script = Files.writeString(dir.resolve("mailwright.bash"), bash.out());
        Process p = new ProcessBuilder(Peers.require("bash", "bash").toString(), "-c",
                "source '" + script + "' && complete -p mailwright").redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String printed = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).contains("-F _complete_mailwright mailwright");
        assertThat(CliRunner.run("completion", "fish").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void progress_goesToStandardError_onlyWhenItIsATerminal() throws IOException {
        Path maildir = dir.resolve("mail/reply");
        for (String d : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir.resolve(d));
        }
        for (int i = 0; i < 3; i++) {
            Files.writeString(maildir.resolve("new/" + i + ".msg"), "From: a@example.org\nTo: b@example.org\nMessage-ID: <"
                    + i + "@x>\n\nhello\n");
        }
        String[] args = {"inbound", "run", "--maildir", maildir.toString(), "--hostname", "ghe.example.com", "--key-file",
            keyFile().toString(), "--quiet"};
        StringWriter err = new StringWriter();
        CommandLine terminal = Main.commandLine(true);
        terminal.setOut(new PrintWriter(new StringWriter()));
        terminal.setErr(new PrintWriter(err));
        assertThat(terminal.execute(args)).isZero();
        assertThat(err.toString()).contains("\rprocessed 3 message(s): delivered 0, rejected 3");
        CliRunner.Result notTerminal = CliRunner.run(args);
        assertThat(notTerminal.err()).doesNotContain("processed");
    }

    private Path keyFile() {
        try {
            return Files.writeString(dir.resolve("keys"), "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
