package org.sosops.env.benchmarks.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic "typical source": Java, TypeScript and YAML files of a web service, with the usual
 * share of lines that mention tokens, secrets, APIs and URLs (so the pre-filter has real work) and
 * one hard-coded secret about every 250 KB.
 */
final class TypicalSource {
    private static final String[] WORDS = {"campaign", "contact", "message", "organization", "webhook", "delivery",
            "status", "recipient", "schedule", "template", "audience", "segment", "report", "invoice", "member"};

    private TypicalSource() {
    }

    /** Files of about {@code fileSize} bytes until {@code totalBytes} is reached. */
    static List<GeneratedFile> generate(long totalBytes, int fileSize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<GeneratedFile> files = new ArrayList<>();
        long total = 0;
        int index = 0;
        while (total < totalBytes) {
            int kind = index % 10;
            String name;
            String text;
            if (kind < 7) {
                name = "src/main/java/org/example/" + word(random) + "/" + cap(word(random)) + "Service" + index + ".java";
                text = java(random, fileSize, index);
            } else if (kind < 9) {
                name = "web/src/" + word(random) + "/" + word(random) + index + ".ts";
                text = typescript(random, fileSize, index);
            } else {
                name = "src/main/resources/application-" + index + ".yml";
                text = yaml(random, fileSize, index);
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            files.add(new GeneratedFile(name, bytes));
            total += bytes.length;
            index++;
        }
        return files;
    }

    record GeneratedFile(String path, byte[] content) {
    }

    private static String java(SplittableRandom r, int size, int index) {
        String entity = cap(word(r));
        StringBuilder b = new StringBuilder(size + 512);
        b.append("package org.example.").append(word(r)).append(";\n\n")
                .append("import java.util.List;\nimport java.util.Optional;\nimport java.time.Instant;\n\n")
                .append("/** Handles ").append(word(r)).append(" requests for the ").append(word(r)).append(" API. */\n")
                .append("public final class ").append(entity).append("Service").append(index).append(" {\n")
                .append("    private static final String TOKEN_HEADER = \"Authorization\";\n")
                .append("    private static final String BASE_URL = \"https://api.example.org/v1/").append(word(r)).append("\";\n")
                .append("    private final String authSecret = System.getenv(\"AUTH_SECRET\");\n\n");
        int method = 0;
        while (b.length() < size) {
            String w = word(r);
            b.append("    /**\n     * Loads the ").append(w).append(" of a ").append(word(r))
                    .append(" and returns it, or empty when the caller has no access.\n     */\n")
                    .append("    public Optional<").append(cap(w)).append("> find").append(cap(w)).append(method)
                    .append("(long id, String ").append(word(r)).append("Id) {\n")
                    .append("        if (id <= 0) {\n            throw new IllegalArgumentException(\"id must be positive: \" + id);\n        }\n")
                    .append("        var rows = repository.query(\"SELECT * FROM ").append(w).append(" WHERE id = ?\", id);\n")
                    .append("        log.debug(\"loaded {} rows of ").append(w).append(" in {} ms\", rows.size(), elapsed());\n");
            if (r.nextInt(6) == 0) {
                b.append("        String token = tokens.issue(").append(w).append("Id, Instant.now());\n");
            }
            if (r.nextInt(8) == 0) {
                b.append("        client.post(BASE_URL + \"/").append(w).append("s\", headers(TOKEN_HEADER, token()));\n");
            }
            b.append("        return rows.stream().map(").append(cap(w)).append("::from).findFirst();\n    }\n\n");
            method++;
        }
        if (index % 25 == 0) {
            b.append("    private static final String TWILIO_AUTH_TOKEN = \"").append(hex(r, 32)).append("\";\n");
        }
        return b.append("}\n").toString();
    }

    private static String typescript(SplittableRandom r, int size, int index) {
        StringBuilder b = new StringBuilder(size + 512);
        b.append("import { api } from '../api';\nimport type { Campaign } from '../types';\n\n");
        int n = 0;
        while (b.length() < size) {
            String w = word(r);
            b.append("export async function load").append(cap(w)).append(n).append("(orgId: string): Promise<")
                    .append(cap(w)).append("[]> {\n")
                    .append("  const response = await api.get(`/api/organizations/${orgId}/").append(w).append("s`);\n")
                    .append("  if (!response.ok) {\n    throw new Error(`could not load ").append(w).append("s: ${response.status}`);\n  }\n")
                    .append("  return (await response.json()).items.map((item: unknown) => normalize(item));\n}\n\n");
            n++;
        }
        if (index % 40 == 8) {
            b.append("const sendgridKey = \"SG.").append(alnum(r, 22)).append('.').append(alnum(r, 43)).append("\";\n");
        }
        return b.toString();
    }

    private static String yaml(SplittableRandom r, int size, int index) {
        StringBuilder b = new StringBuilder(size + 256);
        b.append("server:\n  port: 8080\nsosops:\n  auth-secret: ${AUTH_SECRET}\n  api-base-url: https://api.example.org\n");
        while (b.length() < size) {
            String w = word(r);
            b.append("  ").append(w).append(":\n    enabled: true\n    batch-size: ").append(r.nextInt(1000))
                    .append("\n    queue: ").append(w).append("-queue\n    retry-delay: 30s\n");
        }
        return b.toString();
    }

    private static String word(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    private static String cap(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static String hex(SplittableRandom r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append("0123456789abcdef".charAt(r.nextInt(16)));
        }
        return b.toString();
    }

    private static String alnum(SplittableRandom r, int n) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(chars.charAt(r.nextInt(chars.length())));
        }
        return b.toString();
    }
}
