package org.sosops.env.cli.support;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.sosops.env.cli.support.Annotation.Rule;

/**
 * Writes one SARIF 2.1.0 log with one run: {@code tool.driver} (name, version, information URI,
 * every rule with its texts) and one result per finding. File locations are URIs relative to the
 * current directory (the repository root in CI) so code-scanning tools can place them.
 */
final class SarifWriter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifWriter() {
    }

    static void write(Annotations annotations, PrintWriter out) {
        JsonOutput.print(out, json -> {
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            writeTool(json, annotations);
            json.writeArrayFieldStart("results");
            for (Annotation result : annotations.results()) {
                writeResult(json, result);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeTool(JsonGenerator json, Annotations annotations) throws IOException {
        BuildInfo build = BuildInfo.current();
        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", "sosops-env");
        json.writeStringField("version", build.version());
        json.writeStringField("semanticVersion", build.version());
        json.writeStringField("informationUri", build.url());
        json.writeArrayFieldStart("rules");
        for (Rule rule : annotations.rules()) {
            json.writeStartObject();
            json.writeStringField("id", rule.id());
            json.writeStringField("name", rule.id());
            writeText(json, "shortDescription", rule.shortDescription());
            writeText(json, "fullDescription", rule.fullDescription());
            json.writeObjectFieldStart("help");
            json.writeStringField("text", rule.help());
            json.writeStringField("markdown", rule.help());
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeResult(JsonGenerator json, Annotation result) throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", result.rule().id());
        json.writeStringField("level", result.level().name());
        writeText(json, "message", result.message());
        if (result.file().isPresent()) {
            json.writeArrayFieldStart("locations");
            json.writeStartObject();
            json.writeObjectFieldStart("physicalLocation");
            json.writeObjectFieldStart("artifactLocation");
            json.writeStringField("uri", uri(result.file().get()));
            json.writeEndObject();
            if (result.line().isPresent()) {
                json.writeObjectFieldStart("region");
                json.writeNumberField("startLine", result.line().getAsInt());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
        }
        if (result.suppression().isPresent()) {
            json.writeArrayFieldStart("suppressions");
            json.writeStartObject();
            json.writeStringField("kind", result.suppression().get().inSource() ? "inSource" : "external");
            json.writeStringField("status", "accepted");
            json.writeStringField("justification", result.suppression().get().justification());
            json.writeEndObject();
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void writeText(JsonGenerator json, String field, String text) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("text", text);
        json.writeEndObject();
    }

    /**
     * A file as a URI reference: relative to the current directory when it lies under it (with
     * {@code /} separators and percent-encoding), otherwise an absolute {@code file:} URI.
     */
    static String uri(String file) {
        String path = relativePath(file);
        try {
            if (Path.of(path).isAbsolute()) {
                return Path.of(path).toUri().toASCIIString();
            }
        } catch (InvalidPathException e) {
            // Not a path of this file system: encode it as it stands.
        }
        return encode(path);
    }

    /**
     * A file relative to the current directory with {@code /} separators when it lies under it
     * (or was given relative), otherwise its absolute path.
     */
    static String relativePath(String file) {
        Path path;
        try {
            path = Path.of(file).normalize();
        } catch (InvalidPathException e) {
            return file.replace('\\', '/');
        }
        if (path.isAbsolute()) {
            Path here = Path.of("").toAbsolutePath().normalize();
            if (!path.startsWith(here)) {
                return path.toString().replace(path.getFileSystem().getSeparator(), "/");
            }
            path = here.relativize(path);
        }
        return path.toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private static String encode(String relative) {
        // A first segment with a colon would read as a scheme; "./" keeps it a relative reference.
        String first = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : relative;
        String safe = first.contains(":") ? "./" + relative : relative;
        try {
            return new URI(null, null, safe, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a file name: " + relative, e);
        }
    }
}
