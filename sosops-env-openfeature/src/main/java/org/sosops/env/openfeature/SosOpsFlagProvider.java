package org.sosops.env.openfeature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sosops.env.flags.FlagResolver;
import org.sosops.env.flags.ResolvedFlag;
import org.sosops.env.flags.value.FlagValue;
import org.sosops.env.flags.value.Source;

/**
 * A {@link FeatureProvider} answering from a {@link FlagResolver}, so call sites on the OpenFeature
 * API get the org &gt; env &gt; db &gt; default precedence unchanged. The organization is the
 * context attribute {@value #ORGANIZATION_ATTRIBUTE}, else the targeting key. The source of each
 * answer is the variant, the flag metadata entry {@value #SOURCE_METADATA} and, coarser, the
 * reason: {@code TARGETING_MATCH} for an organization override, {@code STATIC} for an environment
 * or database value, {@code DEFAULT} for the declared default.
 *
 * <pre>{@code
 * OpenFeatureAPI.getInstance().setProviderAndWait(new SosOpsFlagProvider(flagResolver));
 * Client client = OpenFeatureAPI.getInstance().getClient();
 * boolean on = client.getBooleanValue("new_inbox", false, new ImmutableContext("org_123"));
 * String source = client.getBooleanDetails("new_inbox", false, ctx).getFlagMetadata().getString("source");
 * }</pre>
 *
 * <p>An unknown flag answers the caller's default with {@code FLAG_NOT_FOUND}, a flag of another
 * type with {@code TYPE_MISMATCH}; the provider never throws for either.
 */
public final class SosOpsFlagProvider implements FeatureProvider {
    /** The context attribute naming the organization. */
    public static final String ORGANIZATION_ATTRIBUTE = "organization_id";
    /** The flag metadata key holding {@code org}, {@code env}, {@code db} or {@code default}. */
    public static final String SOURCE_METADATA = "source";

    private static final Metadata METADATA = () -> "sosops-env";
    private static final Map<Source, ImmutableMetadata> SOURCE_METADATA_BY_SOURCE = new EnumMap<>(Source.class);
    private static final Map<Source, String> REASONS = new EnumMap<>(Source.class);

    static {
        for (Source source : Source.values()) {
            SOURCE_METADATA_BY_SOURCE.put(source, ImmutableMetadata.builder().addString(SOURCE_METADATA, source.id()).build());
            REASONS.put(source, switch (source) {
                case ORG -> Reason.TARGETING_MATCH.name();
                case ENV, DB -> Reason.STATIC.name();
                case DEFAULT -> Reason.DEFAULT.name();
            });
        }
    }

    private final FlagResolver resolver;

    public SosOpsFlagProvider(FlagResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public Metadata getMetadata() {
        return METADATA;
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext ctx) {
        ResolvedFlag flag = lookup(key, ctx);
        if (flag == null) {
            return notFound(key, defaultValue);
        }
        if (flag.value() instanceof FlagValue.Bool bool) {
            return found(bool.value(), flag.source());
        }
        return mismatch(key, defaultValue, flag);
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
        ResolvedFlag flag = lookup(key, ctx);
        if (flag == null) {
            return notFound(key, defaultValue);
        }
        if (flag.value() instanceof FlagValue.Text text) {
            return found(text.value(), flag.source());
        }
        return mismatch(key, defaultValue, flag);
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
        ResolvedFlag flag = lookup(key, ctx);
        if (flag == null) {
            return notFound(key, defaultValue);
        }
        if (flag.value() instanceof FlagValue.Number number) {
            try {
                return found(number.value().intValueExact(), flag.source());
            } catch (ArithmeticException notAnInt) {
                return error(defaultValue, ErrorCode.TYPE_MISMATCH,
                        "flag '" + key + "' is " + number.value().toPlainString() + ", not an integer");
            }
        }
        return mismatch(key, defaultValue, flag);
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
        ResolvedFlag flag = lookup(key, ctx);
        if (flag == null) {
            return notFound(key, defaultValue);
        }
        if (flag.value() instanceof FlagValue.Number number) {
            return found(number.value().doubleValue(), flag.source());
        }
        return mismatch(key, defaultValue, flag);
    }

    /** Any flag as a {@link Value}: JSON objects become structures, arrays lists. */
    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
        ResolvedFlag flag = lookup(key, ctx);
        if (flag == null) {
            return notFound(key, defaultValue);
        }
        return found(toValue(flag.value().toJson()), flag.source());
    }

    private ResolvedFlag lookup(String key, EvaluationContext ctx) {
        Optional<ResolvedFlag> flag = resolver.resolve(organization(ctx), key);
        return flag.isPresent() ? flag.get() : null;
    }

    private static String organization(EvaluationContext ctx) {
        if (ctx == null) {
            return null;
        }
        Value attribute = ctx.getValue(ORGANIZATION_ATTRIBUTE);
        if (attribute != null && attribute.isString()) {
            return attribute.asString();
        }
        String targetingKey = ctx.getTargetingKey();
        return targetingKey == null || targetingKey.isEmpty() ? null : targetingKey;
    }

    private static <T> ProviderEvaluation<T> found(T value, Source source) {
        return new ProviderEvaluation<>(value, source.id(), REASONS.get(source), null, null,
                SOURCE_METADATA_BY_SOURCE.get(source));
    }

    private static <T> ProviderEvaluation<T> notFound(String key, T defaultValue) {
        return error(defaultValue, ErrorCode.FLAG_NOT_FOUND, "flag '" + key + "' is not declared");
    }

    private static <T> ProviderEvaluation<T> mismatch(String key, T defaultValue, ResolvedFlag flag) {
        return error(defaultValue, ErrorCode.TYPE_MISMATCH, "flag '" + key + "' is a " + flag.type() + " flag");
    }

    private static <T> ProviderEvaluation<T> error(T defaultValue, ErrorCode code, String message) {
        return new ProviderEvaluation<>(defaultValue, null, Reason.ERROR.name(), code, message, null);
    }

    static Value toValue(JsonNode node) {
        if (node == null || node.isNull()) {
            return new Value();
        }
        if (node.isBoolean()) {
            return new Value(node.booleanValue());
        }
        if (node.isTextual()) {
            return new Value(node.textValue());
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return new Value(node.intValue());
        }
        if (node.isNumber()) {
            return new Value(node.doubleValue());
        }
        if (node.isArray()) {
            List<Value> list = new ArrayList<>();
            node.forEach(item -> list.add(toValue(item)));
            return new Value(list);
        }
        MutableStructure structure = new MutableStructure();
        node.fields().forEachRemaining(field -> structure.add(field.getKey(), toValue(field.getValue())));
        return new Value(structure);
    }
}
