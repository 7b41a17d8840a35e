package org.sosops.env.core.register;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.core.rules.RuleId;
import org.sosops.env.core.variables.Location;

/**
 * Reads {@code RISKS_DECISIONS.md}: each {@code ## } heading starts an entry, whose fields are
 * list items {@code - Field: value} (or {@code **Field:** value}). Fields: Rule, Environment,
 * Variable (optional), Rationale, Expires, Rollback plan, Approved by — with the approval date,
 * as in {@code Dana Ortiz (2026-11-20)}.
 */
final class RegisterParser {
    private static final Pattern HEADING = Pattern.compile("^##\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern FIELD = Pattern.compile(
            "^\\s*(?:[-*+]\\s+)?(?:\\*\\*)?([A-Za-z][A-Za-z ]*?)\\s*(?::\\s*\\*\\*|\\*\\*\\s*:|:)\\s*(.*)$");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    private RegisterParser() {
    }

    static List<RegisterEntry> parse(String label, String markdown) {
        List<RegisterEntry> entries = new ArrayList<>();
        String[] lines = markdown.split("\r?\n", -1);
        String title = null;
        int headingLine = 0;
        Map<String, String> fields = new LinkedHashMap<>();
        boolean inFence = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                if (title != null) {
                    entries.add(entry(label, title, headingLine, fields));
                }
                title = heading.group(1);
                headingLine = i + 1;
                fields = new LinkedHashMap<>();
                continue;
            }
            if (line.startsWith("# ")) {
                if (title != null) {
                    entries.add(entry(label, title, headingLine, fields));
                }
                title = null;
                continue;
            }
            Matcher field = FIELD.matcher(line);
            if (title != null && field.matches()) {
                fields.putIfAbsent(canonicalKey(field.group(1)), field.group(2).replace("**", "").strip());
            }
        }
        if (title != null) {
            entries.add(entry(label, title, headingLine, fields));
        }
        return entries;
    }

    private static RegisterEntry entry(String label, String title, int line, Map<String, String> fields) {
        List<String> problems = new ArrayList<>();
        Optional<RuleId> rule = text(fields, "rule").flatMap(id -> {
            Optional<RuleId> known = RuleId.fromId(id.replace("`", ""));
            if (known.isEmpty()) {
                problems.add("names unknown rule '" + id + "'");
            }
            return known;
        });
        if (text(fields, "rule").isEmpty()) {
            problems.add("has no Rule");
        }
        Optional<String> environment = text(fields, "environment").map(e -> e.replace("`", "").toLowerCase(Locale.ROOT));
        if (environment.isEmpty()) {
            problems.add("has no Environment");
        } else if (!environment.get().equals("all") && AppEnv.parse(environment.get()).isEmpty()) {
            problems.add("names unknown environment '" + environment.get() + "'");
        }
        Optional<String> rationale = required(fields, "rationale", "has no Rationale", problems);
        Optional<String> rollback = required(fields, "rollback", "has no Rollback plan", problems);
        Optional<String> approvedBy = required(fields, "approved", "has no Approved by", problems);
        Optional<LocalDate> approvedOn = approvedBy.flatMap(RegisterParser::firstDate);
        if (approvedBy.isPresent() && approvedOn.isEmpty()) {
            problems.add("Approved by has no approval date (YYYY-MM-DD)");
        }
        Optional<LocalDate> expires = Optional.empty();
        Optional<String> expiresText = text(fields, "expires");
        if (expiresText.isEmpty()) {
            problems.add("has no Expires date (the timebox)");
        } else {
            expires = firstDate(expiresText.get());
            if (expires.isEmpty()) {
                problems.add("Expires is not an ISO date (YYYY-MM-DD)");
            }
        }
        if (approvedOn.isPresent() && expires.isPresent()) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(approvedOn.get(), expires.get());
            if (days > ExceptionRegister.MAX_DAYS) {
                problems.add("runs " + days + " days from its approval (" + approvedOn.get() + "); an entry may run at most "
                        + ExceptionRegister.MAX_DAYS + " days: set Expires on or before "
                        + approvedOn.get().plusDays(ExceptionRegister.MAX_DAYS) + " or approve it again");
            } else if (days < 0) {
                problems.add("expires (" + expires.get() + ") before its approval (" + approvedOn.get() + ")");
            }
        }
        Optional<String> variable = text(fields, "variable").map(v -> v.replace("`", ""));
        return new RegisterEntry(title, Location.of(label, line), rule, environment, variable, rationale, expires,
                rollback, approvedBy, approvedOn, problems);
    }

    private static Optional<String> required(Map<String, String> fields, String key, String missing,
                                             List<String> problems) {
        Optional<String> value = text(fields, key);
        if (value.isEmpty()) {
            problems.add(missing);
        }
        return value;
    }

    private static Optional<String> text(Map<String, String> fields, String key) {
        return Optional.ofNullable(fields.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Optional<LocalDate> firstDate(String text) {
        Matcher m = ISO_DATE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** "Rollback plan", "Rollback" and "Approved by" fold to short keys. */
    private static String canonicalKey(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        if (k.startsWith("rollback")) {
            return "rollback";
        }
        if (k.startsWith("approved")) {
            return "approved";
        }
        if (k.startsWith("expir")) {
            return "expires";
        }
        if (k.equals("env")) {
            return "environment";
        }
        return k;
    }
}
