package dev.mailwright.cli;

import dev.mailwright.inbound.reply.ExtractedReply;
import dev.mailwright.inbound.reply.ReplyInput;
import dev.mailwright.inbound.reply.ReplyTextExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailwright reply-text FILE [--json] [--sent FILE]}: prints the new text of a reply,
 * without quotes, reply headers and signature. FILE is a raw message ({@code .eml}, or any file
 * that opens with mail headers) or a plain body (text, or HTML when it looks like HTML). Exit
 * code 0 with text, 1 when the reply holds no new text (only quoted text), 3 when FILE cannot be
 * read.
 */
@Command(name = "reply-text", mixinStandardHelpOptions = true,
        description = {"Print the new text of a reply, without quotes, reply headers and signature.",
            "FILE is a raw message (.eml: its text/plain part is preferred, its text/html part used "
                + "when the text part shows no quote structure or is missing) or a plain text or HTML body.",
            "Exit code 1 when the reply holds only quoted text."})
final class ReplyTextCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A raw message (.eml) or a plain body.")
    Path file;

    @Option(names = "--json", description = "Print JSON: the text, the removed part, the confidence, whether it is empty.")
    boolean json;

    @Option(names = "--sent", paramLabel = "FILE",
            description = "The text of the notification that was answered, to recognise its footer and body when quoted"
                    + " without markers.")
    Path sent;

    @Override
    public Integer call() {
        byte[] bytes = read(file, "FILE");
        ReplyTextSource source = ReplyTextSource.of(file, bytes);
        String sentText = sent == null ? null : new String(read(sent, "--sent"), StandardCharsets.UTF_8);
        ReplyInput input = new ReplyInput(source.text(), source.html(), sentText);
        ExtractedReply reply = ReplyTextExtractor.standard().extract(input);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.print(spec, !reply.isEmpty(), ReplyTextJson.of(reply, source.kind()), reply.isEmpty()
                    ? java.util.List.of(Output.problem("reply.empty", "the reply holds only quoted text, reply headers or a"
                            + " signature", "")) : java.util.List.of());
        } else if (!reply.isEmpty()) {
            out.println(reply.text());
        }
        out.flush();
        if (reply.isEmpty()) {
            spec.commandLine().getErr().println("no new text: " + file + " holds only quoted text, "
                    + "reply headers or a signature (see --json for what was removed)");
            return ExitCodes.CHECK_FAILED;
        }
        return ExitCodes.OK;
    }

    private static byte[] read(Path path, String what) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + path + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "): give the path of a readable .eml file or reply body", e);
        }
    }
}
