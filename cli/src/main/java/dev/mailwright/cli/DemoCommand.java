package dev.mailwright.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailwright demo}: the whole story of the seed, end to end, on this machine. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole story end to end on an embedded default: settings validated, a test email with its "
                + "transcript, a notification for an issue, a reply written as a person would, received by Mailwright's own "
                + "listener, checked, trimmed and handed to the application - and a forged reply refused.",
            "Needs nothing but Java: an in-process GreenMail server plays the outgoing SMTP server.",
            "Exit code 0 when every step behaved, 1 otherwise."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hostname", defaultValue = "ghe.example.com",
            description = "The instance host name used in the story (default ${DEFAULT-VALUE}); nothing is resolved.")
    String hostname;

    @Option(names = "--json", description = "Print each step and check as JSON; the story's narrative goes to standard error.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        try (DemoStory story = new DemoStory(hostname, out)) {
            boolean ok;
            try {
                ok = story.run();
            } catch (Exception e) {
                out.println("[FAILED] the demo stopped: " + e);
                ok = false;
            }
            out.println();
            out.println(ok ? "Demo finished: every step behaved." : "Demo finished: " + story.failures() + " step(s) did not behave.");
            out.flush();
            if (json) {
                Output.print(spec, ok, java.util.Map.of("steps", story.steps()), story.steps().stream()
                        .flatMap(s -> ((java.util.List<?>) s.get("checks")).stream().map(c -> (java.util.Map<?, ?>) c))
                        .filter(c -> Boolean.FALSE.equals(c.get("ok")))
                        .map(c -> Output.problem("demo.step-failed", String.valueOf(c.get("check")), "")).toList());
            }
            return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }
}
