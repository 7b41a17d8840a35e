package org.sosops.env.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The starter's own settings, under {@code sosops.*}. The canonical variables themselves
 * ({@code APP_ENV}, {@code TWILIO_AUTH_TOKEN}, …) and the library's {@code SOSOPS_*} settings are
 * not properties of this record: they are read by their exact names from Spring's
 * {@code Environment}, so environment variables and {@code application.properties} both work.
 *
 * <pre>{@code
 * sosops.policy.register=config/RISKS_DECISIONS.md
 * sosops.flags.defaults.new_inbox=false
 * sosops.webhooks.filter-order=-100
 * }</pre>
 *
 * @param providers the providers the application uses ({@code twilio}, {@code sendgrid}, …), handed
 *                  to the policy as {@code SOSOPS_PROVIDERS}; when set it wins over that variable
 * @param policy   how the environment policy is loaded
 * @param flags    the flag resolver
 * @param webhooks the webhook guard and its servlet filter
 * @param health   the {@code sosopsEnv} health contributor
 */
@ConfigurationProperties("sosops")
public record SosOpsProperties(List<String> providers, @DefaultValue Policy policy, @DefaultValue Flags flags,
                               @DefaultValue Webhooks webhooks, @DefaultValue Health health) {
    public SosOpsProperties {
        providers = providers == null ? List.of() : List.copyOf(providers);
    }

    /**
     * @param register            the exception register (RISKS_DECISIONS.md) applied at start-up;
     *                            {@code SOSOPS_RISKS_DECISIONS_FILE} is read when unset
     * @param envFiles            {@code .env} files read before Spring's environment (later files win)
     * @param expectedEnvironment validate as this environment (local, dev, staging, prod); an
     *                            {@code APP_ENV} that disagrees is reported
     */
    public record Policy(Path register, List<Path> envFiles, String expectedEnvironment) {
        public Policy {
            envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
        }
    }

    /**
     * @param enabled           whether the starter builds a {@code FlagResolver} and an {@code EntitlementResolver}
     * @param defaults          declared flags and their defaults: {@code true}/{@code false} make a
     *                          boolean flag, a number a number flag, anything else a text flag
     * @param inferUndeclared   declare every flag met in the overrides or the database instead of
     *                          refusing overrides of undeclared flags
     * @param store             where database flag values come from: {@code auto} (the application's
     *                          {@code DataSource} when it is PostgreSQL), {@code jdbc} (the
     *                          {@code DataSource}, required) or {@code none}
     * @param table             the flag table
     * @param initializeSchema  create the flag table, its trigger and notify function when missing
     * @param refreshAfterWrite how old database values may get before a background reload
     */
    public record Flags(@DefaultValue("true") boolean enabled, Map<String, String> defaults, boolean inferUndeclared,
                        @DefaultValue("auto") StoreMode store, @DefaultValue("sosops_feature_flags") String table,
                        @DefaultValue("true") boolean initializeSchema, @DefaultValue("30s") Duration refreshAfterWrite) {
        public Flags {
            defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
        }
    }

    /** Where the flag resolver's database layer comes from. */
    public enum StoreMode {
        /** The application's {@code DataSource} when there is one and it is PostgreSQL. */
        AUTO,
        /** The application's {@code DataSource}; start-up fails without one. */
        JDBC,
        /** No database layer: overrides and defaults only. */
        NONE
    }

    /**
     * @param enabled      whether the starter builds the webhook guard and registers its filter
     * @param maxBodyBytes the most bytes the filter reads; larger bodies are answered 413 unread
     *                     (default: the guard's cap, 1 MiB)
     * @param filterOrder  the filter's position; the default runs it early, before Spring Security
     */
    public record Webhooks(@DefaultValue("true") boolean enabled, Integer maxBodyBytes,
                           @DefaultValue("-2147483548") int filterOrder) {
    }

    /**
     * @param maxFlagAge flag data read from the database longer ago than this reports the
     *                   {@code sosopsEnv} health contributor down (the store is unreachable)
     */
    public record Health(@DefaultValue("5m") Duration maxFlagAge) {
    }
}
