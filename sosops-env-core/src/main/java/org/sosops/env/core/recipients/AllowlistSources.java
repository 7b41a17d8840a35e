package org.sosops.env.core.recipients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.variables.VariableValue;
import org.sosops.env.core.variables.Variables;

/**
 * The allowlist sources read once at start-up: a fixed list, the {@value #VARIABLE} variable and a
 * file. A malformed entry fails the start, naming the variable or file and line, so a typo never
 * silently leaves someone off (or on) the list.
 *
 * <pre>{@code
 * RecipientNormalizer us = RecipientNormalizer.forRegion("US");
 * AllowlistSource staff = AllowlistSources.variable(policy.variables(), us);
 * AllowlistSource team = AllowlistSources.file(Path.of("config/allowlist.txt"), us);
 * }</pre>
 */
public final class AllowlistSources {
    /** Allowlist entries separated by commas, semicolons or new lines. */
    public static final String VARIABLE = "SOSOPS_RECIPIENT_ALLOWLIST";
    /** Path of an allowlist file: one entry per line, {@code #} starts a comment. */
    public static final String FILE_VARIABLE = "SOSOPS_RECIPIENT_ALLOWLIST_FILE";

    private AllowlistSources() {
    }

    /** A source that always answers this list. */
    public static AllowlistSource of(Allowlist allowlist, String description) {
        Objects.requireNonNull(allowlist, "allowlist");
        Objects.requireNonNull(description, "description");
        return new Fixed(allowlist, description);
    }

    /**
     * The entries of {@value #VARIABLE}; an empty list when it is not set.
     *
     * @throws AllowlistException naming the variable and the entry's position when an entry is malformed
     */
    public static AllowlistSource variable(Variables variables, RecipientNormalizer normalizer) {
        return variable(variables, VARIABLE, normalizer);
    }

    /** The entries of the named variable (e.g. another {@code SOSOPS_} setting). */
    public static AllowlistSource variable(Variables variables, String name, RecipientNormalizer normalizer) {
        Optional<VariableValue> value = variables.get(name).filter(v -> !v.isBlank());
        Allowlist.Builder builder = Allowlist.builder(normalizer);
        if (value.isPresent()) {
            String[] entries = value.get().value().split("[,;\\n]");
            int position = 0;
            for (String entry : entries) {
                if (entry.isBlank()) {
                    continue;
                }
                position++;
                Optional<String> problem = builder.tryAdd(entry);
                if (problem.isPresent()) {
                    throw new AllowlistException(name + value.get().location().map(l -> " (" + l + ")").orElse("")
                            + ": entry " + position + " '" + RecipientNormalizer.mask(entry.strip()) + "' " + problem.get());
                }
            }
        }
        return new Fixed(builder.build(), "variable " + name);
    }

    /**
     * The entries of a file, one per line; blank lines and {@code #} comments are skipped.
     *
     * @throws AllowlistException naming the file (and line) when it is missing, unreadable or malformed
     */
    public static AllowlistSource file(Path file, RecipientNormalizer normalizer) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AllowlistException("allowlist file " + file + " does not exist");
        } catch (IOException e) {
            throw new AllowlistException("allowlist file " + file + " cannot be read: " + e.getMessage(), e);
        }
        Allowlist.Builder builder = Allowlist.builder(normalizer);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (entry.isEmpty()) {
                continue;
            }
            Optional<String> problem = builder.tryAdd(entry);
            if (problem.isPresent()) {
                throw new AllowlistException(file + ":" + (i + 1) + ": allowlist entry '"
                        + RecipientNormalizer.mask(entry) + "' " + problem.get());
            }
        }
        return new Fixed(builder.build(), "file " + file);
    }

    private record Fixed(Allowlist allowlist, String description) implements AllowlistSource {
        @Override
        public Allowlist current() {
            return allowlist;
        }
    }
}
