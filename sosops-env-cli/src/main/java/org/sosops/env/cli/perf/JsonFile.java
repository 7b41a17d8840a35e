package org.sosops.env.cli.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.sosops.env.cli.support.InputException;

/** The JSON input files of {@code perf-budget}: a missing or malformed one is an input error naming it. */
final class JsonFile {
    private JsonFile() {
    }

    static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found");
        } catch (IOException e) {
            throw new InputException(file + ": not JSON (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }
}
