package dev.mailwright.smtp.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedTranscriptTest {

    static String seed() throws IOException {
        try (InputStream in = SeedTranscriptTest.class.getResourceAsStream("/transcripts/seed-unicorn.log")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void analyze_findsExactlyWhatTheSeedLists() throws IOException {
        Diagnosis d = TranscriptAnalyzer.standard().analyze(Transcript.parse(seed()));

        List<Finding> f = d.findings();
        assertThat(f).extracting(Finding::code).containsExactly(
                "smtp.connection.opened", "smtp.tls.started", "smtp.auth.mechanism", "smtp.auth.rejected");
        assertThat(f.get(0).message()).isEqualTo("connection opened to smtp.yourdomain.com:587");
        assertThat(f.get(0).evidence()).containsExactly("Connection opened: smtp.yourdomain.com:587");
        assertThat(f.get(1).severity()).isEqualTo(Severity.PASS);
        assertThat(f.get(1).message()).isEqualTo("TLS was established");
        assertThat(f.get(1).evidence()).containsExactly("TLS connection started");
        assertThat(f.get(2).message()).isEqualTo("the `login` authentication type was used");
        assertThat(f.get(2).evidence()).containsExactly("<- \"AUTH LOGIN\\r\\n\"");
        assertThat(f.get(3).severity()).isEqualTo(Severity.FAILURE);
        assertThat(f.get(3).message()).isEqualTo("the server rejected the credentials (535 5.7.1)");
        assertThat(f.get(3).remedy()).contains("user name and the password");
        assertThat(f.get(3).evidence()).containsExactly(
                "-> \"535-5.7.1 Username and Password not accepted. Learn more at\\r\\n\"",
                "-> \"535 5.7.1 http://support.yourdomain.com/smtp/auth-not-accepted nt3sm2942435pbc.14\\r\\n\"");
        assertThat(d.failure()).contains(FailureClass.AUTH_REJECTED);
    }

    @Test
    void parse_redactsTheLoginLinesOfAPastedTranscript() throws IOException {
        Transcript t = Transcript.parse(seed());

        String text = t.toText();
        assertThat(text).doesNotContain("dGhpc2lzbXlAYWRkcmVzcy5jb20=").doesNotContain("aXRyZWFsbHl3YXM=")
                .contains("<- \"[redacted: AUTH LOGIN user name]\\r\\n\"")
                .contains("<- \"[redacted: AUTH LOGIN password]\\r\\n\"");
    }

    @Test
    void render_givesTheSeedLinesBackExceptTheRedactedOnes() throws IOException {
        String seed = seed();
        String expected = seed.replace("dGhpc2lzbXlAYWRkcmVzcy5jb20=", "[redacted: AUTH LOGIN user name]")
                .replace("aXRyZWFsbHl3YXM=", "[redacted: AUTH LOGIN password]");

        assertThat(Transcript.parse(seed).toSeedText()).isEqualTo(expected);
        assertThat(Transcript.parse(seed).toText()).isEqualTo(expected);
    }

    @Test
    void analyze_toleratesLogPrefixesOnEachLine() throws IOException {
        String prefixed = seed().lines().map(l -> "[2014-10-30T00:47:23.306 INFO (5284) #] " + l)
                .collect(java.util.stream.Collectors.joining("\n"));

        Diagnosis d = TranscriptAnalyzer.standard().analyze(Transcript.parse(prefixed));

        assertThat(d.findings()).extracting(Finding::code).containsExactly(
                "smtp.connection.opened", "smtp.tls.started", "smtp.auth.mechanism", "smtp.auth.rejected");
        assertThat(Transcript.parse(prefixed).toText()).doesNotContain("aXRyZWFsbHl3YXM=");
    }
}
