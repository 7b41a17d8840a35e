package org.sosops.env.spring.boot;

import org.sosops.env.flags.FlagResolver;

/**
 * Adjusts the starter's {@link FlagResolver} before it is built: declare flags in code, set an
 * executor or a clock. Every customizer bean is applied, in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * FlagResolverCustomizer inboxFlags() {
 *     return builder -> builder.flag("new_inbox", false).flag(FlagDefinition.of("banner", ""));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FlagResolverCustomizer {
    void customize(FlagResolver.Builder builder);
}
