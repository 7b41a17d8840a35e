package org.sosops.env.cli.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * One JSON document of a command's {@code --format json} answer: pretty-printed to the command's
 * writer, which stays open, and ended with a newline.
 *
 * <pre>{@code
 * JsonOutput.print(out, json -> {
 *     json.writeStartObject();
 *     json.writeBooleanField("ok", true);
 *     json.writeEndObject();
 * });
 * }</pre>
 */
public final class JsonOutput {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonOutput() {
    }

    /** Writes the document's content; the generator is already set up. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    public static void print(PrintWriter out, Body body) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }
}
