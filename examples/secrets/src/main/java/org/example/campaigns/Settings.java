package org.example.campaigns;

import java.util.Map;

/** Reads the campaign service's settings. Sample code for `sosops-env secrets --scan`. */
public final class Settings {
    // Variable names are not secrets: none of these is reported.
    static final String AUTH_SECRET_VARIABLE = "AUTH_SECRET";
    static final String TWILIO_AUTH_TOKEN_ENV = "TWILIO_AUTH_TOKEN";
    private static final String EMAIL_API_KEY = "EMAIL_API_KEY";
    private final String authSecret = System.getenv("AUTH_SECRET");
    private final String upstashRedisRestToken = "${UPSTASH_REDIS_REST_TOKEN}";
    private final String blobReadWriteToken = "<vercel-blob-token>";
    private final String databaseUrl = "jdbc:postgresql://localhost:5432/sos_ops_local";
    private final String localDatabase = "postgresql://postgres:postgres@localhost:5432/sos_ops_local";
    private final String hint = "Set AUTH_SECRET in .env, for example AUTH_SECRET=changeme";

    // Hard-coded secrets: each of these is reported.
    private static final String TWILIO_AUTH_TOKEN = "66ba01d361909e29430f0c8e6abddcaa";
    private final String fallbackSecret = System.getenv().getOrDefault("AUTH_SECRET", "dev-only-fallback-secret-4821");

    Map<String, String> defaults() {
        return Map.of("EMAIL_API_KEY", EMAIL_API_KEY, "LOG_LEVEL", "info");
    }
}
