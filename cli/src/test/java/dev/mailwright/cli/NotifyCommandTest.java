package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mailwright notify} against GreenMail. */
class NotifyCommandTest {
    static final String NOTIFICATION = """
            {
              "thread": {"owner": "octo", "repository": "hello-world", "kind": "issue", "key": "42", "id": 1001},
              "eventId": "c9001",
              "reason": "mention",
              "actor": {"login": "monalisa", "name": "Mona Lisa"},
              "recipient": {"address": "octocat@example.com", "userId": 5, "login": "octocat"},
              "title": "Crash on empty settings",
              "text": "@octocat can you look?",
              "html": "<p>@octocat can you look?</p>",
              "url": "https://ghe.example.com/octo/hello-world/issues/42#issuecomment-9001",
              "unsubscribeUrl": null
            }
            """;

    @TempDir
    Path dir;
    private GreenMail greenMail;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private String[] args(String notification, String... extra) throws IOException {
        Path settings = Files.writeString(dir.resolve("settings.properties"), String.join("\n",
                "mailwright.smtp.host=127.0.0.1", "mailwright.smtp.port=" + greenMail.getSmtp().getPort(),
                "mailwright.smtp.security=none", "mailwright.noreply-address=noreply@ghe.example.com",
                "mailwright.hostname=ghe.example.com", ""));
        Path keys = Files.writeString(dir.resolve("keys"), "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
        Path json = Files.writeString(dir.resolve("n.json"), notification);
        String[] base = {"notify", "--settings", settings.toString(), "--notification", json.toString(), "--key-file", keys.toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void notify_sendsAndPrintsTheResult() throws Exception {
        int code = run(args(NOTIFICATION));
        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString()).startsWith("sent <octo/hello-world/issues/42/c9001@ghe.example.com> via smtp://127.0.0.1:")
                .contains("recipient octocat@example.com: accepted (250").contains("attempts: 1");
        assertThat(greenMail.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("Re: [octo/hello-world] Crash on empty settings (#42)"));
    }

    @Test
    void notify_json_printsMachineReadableResult() throws Exception {
        int code = run(args(NOTIFICATION, "--json"));
        assertThat(code).isZero();
        Map<?, ?> result = (Map<?, ?>) ((Map<?, ?>) Json.read(out.toString())).get("result");
        assertThat(result.get("status")).isEqualTo("sent");
        assertThat(result.get("messageId")).isEqualTo("<octo/hello-world/issues/42/c9001@ghe.example.com>");
    }

    @Test
    void notify_refusedDelivery_exitsOneWithCategory() throws Exception {
        String[] args = args(NOTIFICATION, "--json", "--transport", "smtp://127.0.0.1:" + dev.mailwright.core.testing.Peers.freePort());
        int code = run(args);
        assertThat(code).isEqualTo(ExitCodes.CHECK_FAILED);
        Map<?, ?> result = (Map<?, ?>) ((Map<?, ?>) Json.read(out.toString())).get("result");
        assertThat(result.get("category")).isEqualTo("connection-refused");
        assertThat(result.get("transient")).isEqualTo(true);
    }

    @Test
    void notify_badJsonOrUnknownKey_isAnErrorNamingThePlace() throws Exception {
        assertThat(run(args("{\"thread\": }"))).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("invalid JSON at line 1, column 12");
        assertThat(run(args(NOTIFICATION.replace("\"title\"", "\"titel\"")))).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("unknown key \"titel\"");
        assertThat(run(args(NOTIFICATION.replace("Crash on empty settings", "Crash\\r\\nBcc: x@example.com")))).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("title").contains("inject");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void notify_memoryTransport_sendsNothingOnTheNetwork() throws Exception {
        assertThat(run(args(NOTIFICATION, "--transport", "memory:"))).isZero();
        assertThat(out.toString()).contains("via memory:");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
