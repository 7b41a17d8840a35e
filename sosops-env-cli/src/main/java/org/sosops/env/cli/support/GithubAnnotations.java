package org.sosops.env.cli.support;

import java.io.PrintWriter;

/**
 * Prints findings as GitHub Actions workflow commands, one line each:
 * {@code ::error file=F,line=N,title=RULE::message}. Errors become {@code ::error}, warnings and
 * notes {@code ::warning} and {@code ::notice}; a baselined or waived finding is a notice saying
 * what waives it, so it shows in the run without failing anything.
 */
final class GithubAnnotations {
    private GithubAnnotations() {
    }

    static void write(Annotations annotations, PrintWriter out) {
        int blocking = 0;
        for (Annotation result : annotations.results()) {
            String command = result.suppression().isPresent() ? "notice" : switch (result.level()) {
                case error -> "error";
                case warning -> "warning";
                case note -> "notice";
            };
            if (command.equals("error")) {
                blocking++;
            }
            StringBuilder line = new StringBuilder("::").append(command).append(' ');
            result.file().ifPresent(file -> line.append("file=").append(property(SarifWriter.relativePath(file))).append(','));
            if (result.file().isPresent() && result.line().isPresent()) {
                line.append("line=").append(result.line().getAsInt()).append(',');
            }
            line.append("title=").append(property(result.rule().id()));
            String message = result.message()
                    + result.suppression().map(s -> " (waived: " + s.justification() + ")").orElse("");
            line.append("::").append(data(message));
            out.println(line);
        }
        out.println(blocking == 0 ? "sosops-env: OK" : "sosops-env: " + blocking + (blocking == 1 ? " problem" : " problems"));
    }

    /** The message part: {@code %}, CR and LF are encoded, as the runner's toolkit does. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: as {@link #data} and also {@code :} and {@code ,}, which separate properties. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
