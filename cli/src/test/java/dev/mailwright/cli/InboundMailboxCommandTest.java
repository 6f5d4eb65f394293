package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.KeyRing;
import dev.mailwright.core.ReplyAddressCodec;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.core.ThreadType;
import dev.mailwright.core.testing.Dovecot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailwright inbound run --imap/--pop3} as a user runs it: a child process with the password
 * in the environment, against a real Dovecot; the same JSON events as the maildir source.
 */
class InboundMailboxCommandTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run mailwright(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        pb.environment().remove(MailboxOptions.PASSWORD_VARIABLE);
        pb.environment().remove(MailboxOptions.TOKEN_VARIABLE);
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    private void deliverTwo(Dovecot dovecot) {
        String address = new ReplyAddressCodec(KeyRing.of(HexFormat.of().parseHex(KEY)), "ghe.example.com")
                .encode(new ReplyTarget(ThreadType.PULL_REQUEST, 42, 7));
        dovecot.deliver(("Return-Path: <tcook@icloud.com>\nDelivered-To: " + address + "\nFrom: Tim <tcook@icloud.com>\nTo: "
                + address + "\nSubject: Re: PR\nMessage-ID: <one@me.com>\n\nLooks good\n\n> quoted\n").getBytes(StandardCharsets.UTF_8));
        dovecot.deliver("From: someone@example.org\nTo: nobody@example.org\nMessage-ID: <two@x>\n\nspam\n".getBytes(StandardCharsets.UTF_8));
    }

    private String[] args(String sourceOption, String uri, Dovecot dovecot) throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), KEY + "\n");
        return new String[] {"inbound", "run", sourceOption, uri, "--mailbox-trust-pem", dovecot.certificate().toString(),
            "--state", dir.resolve("state").toString(), "--hostname", "ghe.example.com", "--key-file", keys.toString(), "--quiet"};
    }

    private static String user(Dovecot dovecot) {
        return dovecot.user().replace("@", "%40");
    }

    @Test
    void runImap_printsTheSameEventsAsTheMaildirSource_andMovesTheMessages() throws Exception {
        try (Dovecot dovecot = Dovecot.start()) {
            deliverTwo(dovecot);
            Run run = mailwright(Map.of(MailboxOptions.PASSWORD_VARIABLE, dovecot.password()),
                    args("--imap", "imaps://" + user(dovecot) + "@127.0.0.1:" + dovecot.imapsPort() + "/INBOX", dovecot));
            assertThat(run.exit()).as(run.err()).isZero();
            List<String> lines = run.out().lines().toList();
            assertThat(lines).filteredOn(l -> l.startsWith("{\"event\":\"reply\"")).singleElement().satisfies(line -> {
                assertThat(line).startsWith("{\"event\":\"reply\",\"target\":{\"type\":\"pull-request\",\"id\":42,\"user\":7}");
                assertThat(line).contains("\"messageId\":\"<one@me.com>\"").contains("Mailwright/Processed imap-");
            });
            assertThat(lines).filteredOn(l -> l.startsWith("{\"event\":\"rejected\"")).singleElement()
                    .satisfies(line -> assertThat(line).contains("Mailwright/Failed imap-"));
            assertThat(run.err()).contains("delivered 1, rejected 1").doesNotContain(dovecot.password());
        }
    }

    @Test
    void runPop3_deletesWhatItFiled_andAWrongPasswordIsAnErrorThatNamesNoSecret() throws Exception {
        try (Dovecot dovecot = Dovecot.start()) {
            deliverTwo(dovecot);
            String uri = "pop3s://" + user(dovecot) + "@127.0.0.1:" + dovecot.pop3sPort();
            Run wrong = mailwright(Map.of(MailboxOptions.PASSWORD_VARIABLE, "not-the-password-42"), args("--pop3", uri, dovecot));
            assertThat(wrong.exit()).isEqualTo(ExitCodes.ERROR);
            assertThat(wrong.err()).contains("Cannot connect to pop3s://").doesNotContain("not-the-password-42");
            Run run = mailwright(Map.of(MailboxOptions.PASSWORD_VARIABLE, dovecot.password()), args("--pop3", uri, dovecot));
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("{\"event\":\"reply\",\"target\":{\"type\":\"pull-request\",\"id\":42,\"user\":7}")
                    .contains("(deleted) pop3-").contains("{\"event\":\"rejected\"");
            assertThat(dovecot.maildir().resolve("cur")).isEmptyDirectory();
            assertThat(dovecot.maildir().resolve("new")).isEmptyDirectory();
        }
    }

    @Test
    void runImap_withoutCredentialsInTheEnvironment_saysWhichVariableToSet() throws Exception {
        Run run = mailwright(Map.of(), "inbound", "run", "--imap", "imaps://replies@127.0.0.1:1/INBOX", "--state",
                dir.resolve("state").toString(), "--hostname", "ghe.example.com", "--key-file",
                Files.writeString(dir.resolve("keys"), KEY + "\n").toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains(MailboxOptions.PASSWORD_VARIABLE).contains(MailboxOptions.TOKEN_VARIABLE);
        Run both = mailwright(Map.of(), "inbound", "run", "--imap", "imaps://replies@127.0.0.1:1/INBOX", "--maildir",
                dir.toString(), "--hostname", "ghe.example.com");
        assertThat(both.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("exactly one of --maildir, --imap and --pop3");
    }
}
