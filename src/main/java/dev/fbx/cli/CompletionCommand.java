package dev.fbx.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print a shell completion script for fbx's commands and options.",
            "bash: source <(fbx completion bash)   (or save it under /etc/bash_completion.d/)",
            "zsh:  source <(fbx completion zsh)    (in ~/.zshrc; it loads zsh's bashcompinit itself)"
        })
public class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "bash|zsh", description = "The shell to complete for.")
    Shell shell;

    /** zsh runs the bash script through bashcompinit, which picocli's script enables when it finds zsh. */
    enum Shell {
        bash,
        zsh
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("fbx", spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
