package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsAndAddressCommandTest {
    @TempDir
    Path dir;
    Path keyFile;

    @BeforeEach
    void keys() throws Exception {
        keyFile = dir.resolve("reply.keys");
        CliRunner.Result r = CliRunner.run("address", "new-key");
        assertThat(r.exitCode()).isZero();
        Files.writeString(keyFile, r.out());
    }

    @Test
    void settingsValidate_validFile_exits0() throws Exception {
        Path file = dir.resolve("ok.properties");
        Files.writeString(file, String.join("\n", "mailwright.smtp.host=smtp.example.com",
                "mailwright.noreply-address=noreply@ghe.example.com", "mailwright.hostname=ghe.example.com",
                "mailwright.smtp.auth=login", "mailwright.smtp.username=u", "mailwright.smtp.password=TopSecret99"));
        CliRunner.Result r = CliRunner.run("settings", "validate", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("valid");
        CliRunner.Result json = CliRunner.run("settings", "validate", "--json", file.toString());
        assertThat(json.out()).contains("\"valid\":true").contains("\"mailwright.smtp.password\":\"******\"")
                .doesNotContain("TopSecret99");
    }

    @Test
    void settingsValidate_printsEachProblemAsFieldColonMessage_andExits1() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "mailwright.smtp.port=0\nmailwright.support.url=support.example.com\n");
        CliRunner.Result r = CliRunner.run("settings", "validate", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out().lines()).contains(
                "smtp.port: port 0 is out of range; use 1 to 65535 (usually 587 for STARTTLS, 465 for implicit TLS, 25 for a relay)")
                .anySatisfy(l -> assertThat(l).startsWith("support.url: 'support.example.com' must start with http:// or https://"))
                .anySatisfy(l -> assertThat(l).startsWith("smtp.host: "))
                .anySatisfy(l -> assertThat(l).startsWith("hostname: "));
        CliRunner.Result json = CliRunner.run("settings", "validate", "--json", file.toString());
        assertThat(json.out()).contains("\"valid\":false").contains("\"code\":\"smtp.port.out-of-range\"");
    }

    @Test
    void settingsValidate_missingFile_exits3WithReason() {
        CliRunner.Result r = CliRunner.run("settings", "validate", dir.resolve("none.properties").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains("none.properties").contains("does not exist");
    }

    @Test
    void addressEncodeThenDecode_roundTrips() {
        CliRunner.Result enc = CliRunner.run("address", "encode", "--key-file", keyFile.toString(),
                "--hostname", "ghe.example.com", "--type", "i", "--id", "1", "--user", "5");
        assertThat(enc.exitCode()).isZero();
        String address = enc.out().strip();
        assertThat(address).matches("reply\\+i-1-[0-9a-f]{40}-5@reply\\.ghe\\.example\\.com");
        CliRunner.Result dec = CliRunner.run("address", "decode", "--key-file", keyFile.toString(),
                "--hostname", "ghe.example.com", "Someone <" + address.toUpperCase(java.util.Locale.ROOT) + ">");
        assertThat(dec.exitCode()).isZero();
        assertThat(dec.out()).startsWith("valid: type=i (issue) id=1 user=5");
        CliRunner.Result json = CliRunner.run("address", "encode", "--json", "--key-file", keyFile.toString(),
                "--hostname", "ghe.example.com", "--type", "pull-request", "--id", "7", "--user", "9");
        assertThat(json.out()).startsWith("{\"ok\":true,\"command\":\"address encode\",\"result\":"
                + "{\"type\":\"p\",\"typeName\":\"pull-request\",\"id\":7,\"user\":9,\"address\":\"reply+p-7-");
    }

    @Test
    void addressDecode_seedAddressUnderOurKey_isForged_exit1() {
        CliRunner.Result r = CliRunner.run("address", "decode", "--json", "--key-file", keyFile.toString(), "--hostname",
                "ghe.tjl2.co.ie", "reply+i-1-1801beb4df676a79250d1e61e54ab763822c207d-5@reply.ghe.tjl2.co.ie");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out()).startsWith("{\"ok\":false,\"command\":\"address decode\",\"result\":"
                + "{\"outcome\":\"forged\",\"type\":\"i\",\"typeName\":\"issue\",\"id\":1,\"user\":5},\"problems\":"
                + "[{\"code\":\"address.forged\",\"message\":\"forged: no key of the key ring signed this address");
    }

    @Test
    void addressDecode_reportsMalformedAndWrongDomain() {
        CliRunner.Result malformed = CliRunner.run("address", "decode", "--key-file", keyFile.toString(),
                "--hostname", "ghe.example.com", "jane@example.com");
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(malformed.out()).startsWith("malformed: ");
        String other = CliRunner.run("address", "encode", "--key-file", keyFile.toString(), "--hostname", "other.example.org",
                "--type", "c", "--id", "3", "--user", "4").out().strip();
        CliRunner.Result wrong = CliRunner.run("address", "decode", "--key-file", keyFile.toString(),
                "--hostname", "ghe.example.com", other);
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(wrong.out()).contains("wrong domain: reply.other.example.org (expected reply.ghe.example.com)");
    }

    @Test
    void addressEncodeScope_makesANewThreadAddressThatDecodes() {
        CliRunner.Result enc = CliRunner.run("address", "encode", "--json", "--key-file", keyFile.toString(),
                "--hostname", "ghe.example.com", "--scope", "repo:acme.widgets");
        assertThat(enc.exitCode()).isZero();
        assertThat(enc.out()).startsWith("{\"ok\":true,\"command\":\"address encode\",\"result\":"
                + "{\"kind\":\"new-thread\",\"scopeType\":\"repo\",\"scopeId\":\"acme.widgets\","
                + "\"address\":\"reply+new-repo-acme.widgets-");
        String address = CliRunner.run("address", "encode", "--key-file", keyFile.toString(), "--hostname", "ghe.example.com",
                "--scope", "repo:acme.widgets").out().strip();
        assertThat(address).matches("reply\\+new-repo-acme\\.widgets-[0-9a-f]{40}@reply\\.ghe\\.example\\.com");
        CliRunner.Result dec = CliRunner.run("address", "decode", "--json", "--key-file", keyFile.toString(),
                "--hostname", "ghe.example.com", address);
        assertThat(dec.exitCode()).isZero();
        assertThat(dec.out()).startsWith("{\"ok\":true,\"command\":\"address decode\",\"result\":{\"outcome\":\"valid\","
                + "\"kind\":\"new-thread\",\"scopeType\":\"repo\",\"scopeId\":\"acme.widgets\",\"signedWithCurrentKey\":true}");
        CliRunner.Result forged = CliRunner.run("address", "decode", "--key-file", keyFile.toString(),
                "--hostname", "ghe.example.com", address.replace("acme.widgets", "acme.gadgets"));
        assertThat(forged.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(forged.out()).startsWith("forged: no key of the key ring signed this new-thread address");
    }

    @Test
    void addressEncode_scopeAndThreadTogetherOrNeither_isAUsageError() {
        String[] base = {"address", "encode", "--key-file", keyFile.toString(), "--hostname", "ghe.example.com"};
        CliRunner.Result both = CliRunner.run(concat(base, "--scope", "repo:1", "--type", "i"));
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("without --type");
        CliRunner.Result neither = CliRunner.run(base);
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(neither.err()).contains("--scope TYPE:ID");
        CliRunner.Result bad = CliRunner.run(concat(base, "--scope", "repo:a-b"));
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("'a-b'");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void shortKey_isRefusedWithoutPrintingIt() throws Exception {
        Files.writeString(keyFile, "00112233445566778899\n");
        CliRunner.Result r = CliRunner.run("address", "encode", "--key-file", keyFile.toString(),
                "--hostname", "h.example.com", "--type", "i", "--id", "1", "--user", "1");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains("at least 32").doesNotContain("00112233445566778899");
    }

    @Test
    void helpEverywhere_andUsageErrorsExit2() {
        for (String[] args : new String[][] {{"--help"}, {"settings", "--help"}, {"settings", "validate", "--help"},
            {"address", "encode", "--help"}, {"address", "decode", "--help"}}) {
            CliRunner.Result r = CliRunner.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).contains("Usage:");
        }
        assertThat(CliRunner.run("address", "encode", "--hostname", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRunner.run("settings", "validate", "--no-such-option").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
