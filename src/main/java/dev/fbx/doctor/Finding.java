package dev.fbx.doctor;

import dev.fbx.api.Redaction;
import java.util.List;

/**
 * One line of {@code fbx doctor}: what was checked, the verdict, and for a problem what to do.
 *
 * @param exitCode docs/exit-codes.md's exit code of the problem; 0 for a line that needs no action
 */
public record Finding(Verdict verdict, String subject, String text, int exitCode) {
    public enum Verdict {
        /** Fine. */
        OK("✓"),
        /** Works now but needs attention (a refresh token about to die), or could not be checked. */
        WARNING("!"),
        /** Does not work: the text says what to do. */
        PROBLEM("✗");

        private final String mark;

        Verdict(String mark) {
            this.mark = mark;
        }
    }

    static Finding ok(String subject, String text) {
        return new Finding(Verdict.OK, subject, text, 0);
    }

    static Finding warning(String subject, String text, int exitCode) {
        return new Finding(Verdict.WARNING, subject, text, exitCode);
    }

    static Finding problem(String subject, String text, int exitCode) {
        return new Finding(Verdict.PROBLEM, subject, text, exitCode);
    }

    /** Whether this line makes fbx doctor fail. */
    public boolean wrong() {
        return exitCode != 0;
    }

    /** The line as printed; whatever an API's message quoted passes {@link Redaction} first. */
    public String line() {
        return verdict.mark + " " + subject + ": " + Redaction.apply(text);
    }

    /** 0 when nothing is wrong, else the code of the most serious line: the first problem, else the first warning that needs action. */
    public static int exitCode(List<Finding> findings) {
        for (Verdict verdict : List.of(Verdict.PROBLEM, Verdict.WARNING)) {
            for (Finding finding : findings) {
                if (finding.verdict == verdict && finding.wrong()) {
                    return finding.exitCode;
                }
            }
        }
        return 0;
    }
}
