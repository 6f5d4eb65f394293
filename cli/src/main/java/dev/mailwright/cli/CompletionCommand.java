package dev.mailwright.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailwright completion bash|zsh}: prints the shell completion script that picocli generates
 * for every command and option. The same script serves zsh (it loads bashcompinit there).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for every command and option.",
            "Use it with: source <(mailwright completion bash), or the same with zsh."})
final class CompletionCommand implements Callable<Integer> {
    /** The shells the script serves. */
    enum Shell {
        /** GNU bash. */
        BASH,
        /** zsh, through its bash completion support. */
        ZSH
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "The shell: bash or zsh.")
    Shell shell;

    @Option(names = "--json", description = "Print the script inside the JSON envelope.")
    boolean json;

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        if (json) {
            Output.print(spec, true, Map.of("shell", Output.value(shell), "script", script), java.util.List.of());
        } else {
            spec.commandLine().getOut().print(script);
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}
