package org.sosops.env.core.dotenv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sosops.env.core.variables.Location;
import org.sosops.env.core.variables.VariableValue;

/**
 * A strict reader of {@code .env} files.
 *
 * <p>Accepted: {@code KEY=value}, an optional {@code export } prefix, {@code 'single'} quotes
 * (literal), {@code "double"} quotes with the escapes {@code \n \r \t \" \\ \$} and values that
 * span lines, unquoted values ending at {@code " #"}, comments and blank lines. Refused with file
 * and line: a line without {@code =}, an invalid name, a space before {@code =}, an unterminated
 * quote, text after a closing quote, an unknown escape and a name set twice. No interpolation:
 * {@code ${X}} is kept literally.
 *
 * <pre>{@code
 * List<VariableValue> entries = DotEnvReader.read(Path.of("staging.env"));
 * }</pre>
 */
public final class DotEnvReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private DotEnvReader() {
    }

    /** Reads a file; throws {@link DotEnvException} naming every problem. */
    public static List<VariableValue> read(Path file) {
        String label = file.toString();
        String text;
        try {
            text = decodeUtf8(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw single(label, "file not found");
        } catch (CharacterCodingException e) {
            throw single(label, "is not valid UTF-8 text");
        } catch (IOException e) {
            throw single(label, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(label, text);
    }

    /**
     * The lines of {@code text}, each without its {@code \n} or {@code \r\n}; a lone {@code \r} stays
     * content. Split on the single character, which needs no regex: compiling one is a visible part
     * of a cold {@code check}.
     */
    private static String[] lines(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].endsWith("\r")) {
                lines[i] = lines[i].substring(0, lines[i].length() - 1);
            }
        }
        return lines;
    }

    /** Parses text already in memory; {@code label} names it in error messages. */
    public static List<VariableValue> parse(String label, String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        String[] lines = lines(text);
        List<VariableValue> entries = new ArrayList<>();
        List<DotEnvProblem> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        int i = 0;
        while (i < lines.length) {
            int lineNumber = i + 1;
            LineResult result = parseEntry(lines, i);
            Location location = Location.of(label, lineNumber);
            if (result.problem != null) {
                problems.add(new DotEnvProblem(location, result.problem));
            } else if (result.name != null) {
                Integer previous = firstLine.putIfAbsent(result.name, lineNumber);
                if (previous != null) {
                    problems.add(new DotEnvProblem(location,
                            result.name + " is set twice (first on line " + previous + ")"));
                } else {
                    entries.add(new VariableValue(result.name, result.value, Optional.of(location)));
                }
            }
            i = result.nextLine;
        }
        if (!problems.isEmpty()) {
            throw new DotEnvException(problems);
        }
        return List.copyOf(entries);
    }

    private static LineResult parseEntry(String[] lines, int index) {
        String line = lines[index];
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return LineResult.skip(index + 1);
        }
        if (trimmed.startsWith("export ") || trimmed.startsWith("export\t")) {
            trimmed = trimmed.substring(7).stripLeading();
        }
        int equals = trimmed.indexOf('=');
        if (equals < 0) {
            return LineResult.problem("expected NAME=value", index + 1);
        }
        String name = trimmed.substring(0, equals);
        // The text before '=' is never quoted back: on a broken line it may be part of a value.
        if (!NAME.matcher(name.stripTrailing()).matches()) {
            return LineResult.problem("the text before '=' is not a variable name"
                    + " (letters, digits, '_' and '.', not starting with a digit)", index + 1);
        }
        if (!name.equals(name.stripTrailing())) {
            return LineResult.problem("no space is allowed before '=' (after " + name.strip() + ")", index + 1);
        }
        String rest = trimmed.substring(equals + 1).stripLeading();
        if (rest.startsWith("'")) {
            return singleQuoted(name, rest, index);
        }
        if (rest.startsWith("\"")) {
            return doubleQuoted(name, lines, index, rest);
        }
        return LineResult.entry(name, unquoted(rest), index + 1);
    }

    private static String unquoted(String rest) {
        int comment = rest.indexOf(" #");
        int tabComment = rest.indexOf("\t#");
        if (tabComment >= 0 && (comment < 0 || tabComment < comment)) {
            comment = tabComment;
        }
        String value = comment >= 0 ? rest.substring(0, comment) : rest;
        return value.strip();
    }

    private static LineResult singleQuoted(String name, String rest, int index) {
        int close = rest.indexOf('\'', 1);
        if (close < 0) {
            return LineResult.problem("unterminated single quote in " + name, index + 1);
        }
        Optional<String> trailing = trailingText(rest.substring(close + 1));
        if (trailing.isPresent()) {
            return LineResult.problem(trailing.get() + " after the closing quote of " + name, index + 1);
        }
        return LineResult.entry(name, rest.substring(1, close), index + 1);
    }

    private static LineResult doubleQuoted(String name, String[] lines, int index, String rest) {
        StringBuilder value = new StringBuilder();
        int lineIndex = index;
        String current = rest.substring(1);
        while (true) {
            for (int i = 0; i < current.length(); i++) {
                char c = current.charAt(i);
                if (c == '"') {
                    Optional<String> trailing = trailingText(current.substring(i + 1));
                    if (trailing.isPresent()) {
                        return LineResult.problem(trailing.get() + " after the closing quote of " + name,
                                lineIndex + 1);
                    }
                    return LineResult.entry(name, value.toString(), lineIndex + 1);
                }
                if (c == '\\') {
                    if (i + 1 >= current.length()) {
                        return LineResult.problem("a backslash ends the line in the value of " + name, lineIndex + 1);
                    }
                    char escaped = current.charAt(++i);
                    switch (escaped) {
                        case 'n' -> value.append('\n');
                        case 'r' -> value.append('\r');
                        case 't' -> value.append('\t');
                        case '"', '\\', '$', '\'' -> value.append(escaped);
                        default -> {
                            return LineResult.problem("unknown escape \\" + escaped + " in the value of " + name,
                                    lineIndex + 1);
                        }
                    }
                } else {
                    value.append(c);
                }
            }
            lineIndex++;
            if (lineIndex >= lines.length) {
                return LineResult.problem("unterminated double quote in " + name
                        + " (the value runs to the end of the file)", lines.length);
            }
            value.append('\n');
            current = lines[lineIndex];
        }
    }

    /** Anything but blanks or a comment after a closing quote is a mistake worth reporting. */
    private static Optional<String> trailingText(String afterQuote) {
        String tail = afterQuote.strip();
        if (tail.isEmpty() || tail.startsWith("#")) {
            return Optional.empty();
        }
        return Optional.of("unexpected text");
    }

    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static DotEnvException single(String label, String message) {
        return new DotEnvException(List.of(new DotEnvProblem(Location.file(label), message)));
    }

    private record LineResult(String name, String value, String problem, int nextLine) {
        static LineResult skip(int next) {
            return new LineResult(null, null, null, next);
        }

        static LineResult entry(String name, String value, int next) {
            return new LineResult(name, value, null, next);
        }

        static LineResult problem(String message, int next) {
            return new LineResult(null, null, message, next);
        }
    }
}
