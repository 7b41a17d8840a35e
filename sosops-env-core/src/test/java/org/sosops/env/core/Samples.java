package org.sosops.env.core;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sosops.env.core.env.AppEnv;

/** Complete, valid variable sets for each environment; tests break them one variable at a time. */
public final class Samples {
    public static final String AUTH_SECRET = "pfhlBB6m3uIV85Ly1Iout8qgqW3C2P7ayGrGscYlyxSrPTBd";
    public static final String DB_PASSWORD = "IaDNqMasGSudXngzcZFQXfhm";
    public static final String TWILIO_AUTH_TOKEN = "9405896f43fe37a3121c944d43518dc5";
    public static final String SENDGRID_KEY = "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";
    public static final String POSTMARK_TOKEN = "8d052edd-d533-41a9-9883-f7a2f3f0a028";
    public static final String REDIS_TOKEN = "vz1QPyh7jifhsmnbwtm1DIjxWTny7YcWO7uTKibC";
    public static final String POSTMARK_WEBHOOK_TOKEN = "i4WFHZogBPzkHEPEa6f5gjxt1AlJnHFpWi8oFFWu";
    /** A real P-256 public key in SendGrid's format (base64 SubjectPublicKeyInfo). */
    public static final String SENDGRID_VERIFICATION_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEIxj4F3YjP2aWLAV5OkeSn2Mkw3LRgZmdc8g49"
            + "CadEX/l0aJTTTaMQsyXtbjUnedpO6Dx31+9yl5M166ndfbzrw==";

    private Samples() {
    }

    /** Every canonical variable an environment requires, valid; SendGrid as e-mail provider. */
    public static Map<String, String> complete(AppEnv env) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("APP_ENV", env.id());
        vars.put("APP_URL", env == AppEnv.LOCAL ? "http://localhost:3000" : "https://" + env.id() + ".sosops.example.org");
        vars.put("AUTH_SECRET", AUTH_SECRET);
        vars.put("LOG_LEVEL", "info");
        if (env != AppEnv.LOCAL) {
            vars.put("DATABASE_URL", "postgresql://sos_" + env.id() + ":" + DB_PASSWORD + "@" + env.id()
                    + "-db.sosops.internal:5432/sos_ops_" + env.id());
            vars.put("TWILIO_ACCOUNT_SID", "ACab924c2207476f19417d55bbd991bed9");
            vars.put("TWILIO_AUTH_TOKEN", TWILIO_AUTH_TOKEN);
            vars.put("TWILIO_MESSAGING_SERVICE_SID", "MG72a641ca0619a2ea4761e0b4df266341");
            vars.put("EMAIL_PROVIDER", "sendgrid");
            vars.put("EMAIL_API_KEY", SENDGRID_KEY);
            vars.put("EMAIL_FROM_NAME", "SOS Ops");
            vars.put("EMAIL_FROM_EMAIL", "ops-" + env.id() + "@sosops.example.org");
            vars.put("UPSTASH_REDIS_REST_URL", "https://" + env.id() + "-sosops.upstash.example.io");
            vars.put("UPSTASH_REDIS_REST_TOKEN", REDIS_TOKEN);
        }
        if (env != AppEnv.LOCAL) {
            vars.put("EMAIL_WEBHOOK_SIGNING_SECRET", SENDGRID_VERIFICATION_KEY);
        }
        return vars;
    }

    /** {@link #complete(AppEnv)} with one variable changed ({@code null} removes it). */
    public static Map<String, String> with(AppEnv env, String name, String value) {
        Map<String, String> vars = complete(env);
        if (value == null) {
            vars.remove(name);
        } else {
            vars.put(name, value);
        }
        return vars;
    }

    /** A fresh P-256 public key, base64 X.509, as SendGrid hands it out. */
    public static String freshP256PublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
