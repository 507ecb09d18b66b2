package org.normscope.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the command line in-process through {@link Main#run}, capturing stdout and stderr. */
final class Cli {

    private Cli() {
    }

    /** What one run of the command line gave. */
    record Run(int exitCode, String out, String err) {

        /** The lines of stderr. */
        List<String> errLines() {
            return err.lines().toList();
        }

        /** The lines of stdout. */
        List<String> outLines() {
            return out.lines().toList();
        }

        /** Both streams, for assertion messages. */
        String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    /** Runs {@code normscope ARGS...}. */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            code = Main.run(args, o, e);
        }
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs {@code normscope ARGS...} with {@code stdin} as standard input. */
    static Run runWithStdin(String stdin, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }
}
