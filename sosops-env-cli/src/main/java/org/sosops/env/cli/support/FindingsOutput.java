package org.sosops.env.cli.support;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import org.sosops.env.core.rules.Finding;
import org.sosops.env.core.rules.ValidationReport;

/**
 * Prints a report as text, as JSON
 * ({@code {"ok": …, "findings": [{"rule", "variable", "environment", "file", "line", "severity",
 * "message"}]}}, absent fields omitted), as SARIF or as GitHub annotations, and returns the exit
 * code it implies.
 */
public final class FindingsOutput {
    private FindingsOutput() {
    }

    public static int print(ValidationReport report, FormatOption format, PrintWriter out) {
        if (format.json()) {
            printJson(report, out);
        } else {
            out.println(report.toText());
        }
        out.flush();
        return report.ok() ? ExitCode.CLEAN : ExitCode.FINDINGS;
    }

    /** The findings formats: text, JSON, SARIF or GitHub annotations. */
    public static int print(ValidationReport report, FindingsFormatOption format, PrintWriter out) {
        if (format.annotations()) {
            Annotations.of(report).print(format.get(), out);
        } else if (format.json()) {
            printJson(report, out);
        } else {
            out.println(report.toText());
        }
        out.flush();
        return report.ok() ? ExitCode.CLEAN : ExitCode.FINDINGS;
    }

    public static void printJson(ValidationReport report, PrintWriter out) {
        JsonOutput.print(out, json -> {
            json.writeStartObject();
            json.writeBooleanField("ok", report.ok());
            json.writeArrayFieldStart("findings");
            for (Finding finding : report.findings()) {
                writeFinding(json, finding);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    public static void writeFinding(JsonGenerator json, Finding finding) throws IOException {
        json.writeStartObject();
        json.writeStringField("rule", finding.rule().id());
        if (finding.variable().isPresent()) {
            json.writeStringField("variable", finding.variable().get());
        }
        if (finding.environment().isPresent()) {
            json.writeStringField("environment", finding.environment().get());
        }
        if (finding.location().isPresent()) {
            json.writeStringField("file", finding.location().get().file());
            if (finding.location().get().line().isPresent()) {
                json.writeNumberField("line", finding.location().get().line().getAsInt());
            }
        }
        json.writeStringField("severity", finding.severity().id());
        json.writeStringField("message", finding.message());
        if (finding.waiver().isPresent()) {
            json.writeBooleanField("waived", true);
            json.writeStringField("waiver", finding.waiver().get());
        }
        json.writeEndObject();
    }
}
