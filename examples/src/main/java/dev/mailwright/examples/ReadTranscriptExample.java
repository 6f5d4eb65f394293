package dev.mailwright.examples;

import dev.mailwright.core.Finding;
import dev.mailwright.core.diagnostics.ReportRenderer;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.smtp.transcript.Diagnosis;
import dev.mailwright.smtp.transcript.TranscriptAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading an SMTP transcript — one Mailwright captured, or the text of one from a GitHub
 * Enterprise support bundle (unicorn.log) — and saying what went wrong.
 *
 * <p>Run: {@code java -cp cli/target/mailwright.jar dev.mailwright.examples.ReadTranscriptExample FILE}
 */
public final class ReadTranscriptExample {
    private ReadTranscriptExample() {
    }

    /**
     * @param file a transcript in the seed's format or Mailwright's text
     * @return the diagnosis
     * @throws IOException when the file cannot be read
     */
    public static Diagnosis explain(Path file) throws IOException {
        Transcript transcript = Transcript.parse(Files.readString(file));
        Diagnosis diagnosis = TranscriptAnalyzer.standard().analyze(transcript);
        for (Finding finding : diagnosis.findings()) {
            System.out.println(ReportRenderer.text(finding));
        }
        return diagnosis;
    }

    /** @param args the transcript file */
    public static void main(String[] args) throws IOException {
        explain(Path.of(args[0]));
    }
}
