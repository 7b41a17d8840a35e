package org.sosops.env.core.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.sosops.env.core.catalog.DatabaseUrl;

/**
 * The one place where the library turns a database URL into a connection pool, for hosts that give
 * a component {@code DATABASE_URL} alone instead of their own {@link javax.sql.DataSource}. The pool
 * is HikariCP ({@link PooledDataSource}, which also fails fast during an outage), bounded ({@value #DEFAULT_MAXIMUM_POOL_SIZE} connections unless
 * {@value #POOL_SIZE_VARIABLE} says otherwise), named {@code sosops-env-<component>} (also its
 * PostgreSQL {@code application_name}, so {@code pg_stat_activity} shows who holds what), and quick
 * to give up: a borrower waits at most {@link #DEFAULT_CONNECTION_TIMEOUT} for a connection, so an
 * unreachable server fails a request fast instead of stalling it. Whoever builds a pool closes it.
 *
 * <pre>{@code
 * try (PooledDataSource pool = PooledDataSources.fromUrl("DATABASE_URL", System.getenv("DATABASE_URL"))
 *         .component("webhooks")
 *         .build()) {
 *     try (Connection c = pool.getConnection()) { ... }
 * }
 * }</pre>
 *
 * <p>The JDBC driver is the host's: this class names it but does not bring it. A missing driver is
 * a one-line configuration error naming the variable, raised when the pool is built.
 */
public final class PooledDataSources {
    /** Connections per pool unless {@value #POOL_SIZE_VARIABLE} or {@link Builder#maximumPoolSize} says otherwise. */
    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;
    /** How long a borrower waits for a connection to a database server before the operation fails. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The same for an embedded H2 database. There is no network to fail fast on, and the first
     * connection opens the database and loads the engine, which takes seconds on a busy host.
     */
    public static final Duration DEFAULT_EMBEDDED_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    /** The library setting for the size of every pool it builds from a URL. */
    public static final String POOL_SIZE_VARIABLE = "SOSOPS_DATABASE_POOL_SIZE";

    static final String POSTGRES_DRIVER = "org.postgresql.Driver";
    static final String H2_DRIVER = "org.h2.Driver";
    private static final int MAX_SANE_POOL_SIZE = 1000;

    private PooledDataSources() {
    }

    /**
     * A pool for a URL in any form {@code DATABASE_URL} accepts ({@code postgres://},
     * {@code postgresql://}, {@code jdbc:postgresql://}) or a {@code jdbc:h2:} URL.
     *
     * @param variable what the URL is called in messages (e.g. {@code DATABASE_URL}); the URL itself is never quoted
     * @throws IllegalArgumentException when the URL is not usable, naming {@code variable}
     */
    public static Builder fromUrl(String variable, String url) {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(url, "url");
        if (url.startsWith("jdbc:h2:")) {
            return h2(variable, url);
        }
        DatabaseUrl parsed = DatabaseUrl.parse(url).orElseThrow(() -> new IllegalArgumentException(
                variable + " " + DatabaseUrl.problem(url).orElse("is not usable")));
        return postgres(variable, parsed);
    }

    /** A PostgreSQL pool; user and password come from the parsed URL. */
    public static Builder postgres(String variable, DatabaseUrl url) {
        Objects.requireNonNull(url, "url");
        return new Builder(variable, Kind.POSTGRESQL, withoutCredentials(url.jdbcUrl()),
                url.user(), url.password().map(p -> p.reveal()));
    }

    /** An H2 pool (embedded databases: the library's local default when there is no {@code DATABASE_URL}). */
    public static Builder h2(String variable, String jdbcUrl) {
        if (!Objects.requireNonNull(jdbcUrl, "jdbcUrl").startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException(variable + " is not an H2 URL");
        }
        return new Builder(variable, Kind.H2, jdbcUrl, Optional.empty(), Optional.empty());
    }

    /**
     * The value of {@value #POOL_SIZE_VARIABLE}, or {@link #DEFAULT_MAXIMUM_POOL_SIZE} when absent.
     *
     * @throws IllegalArgumentException naming the variable when it is not a whole number from 1 to 1000
     */
    public static int poolSize(Optional<String> setting) {
        if (setting.isEmpty() || setting.get().isBlank()) {
            return DEFAULT_MAXIMUM_POOL_SIZE;
        }
        try {
            int size = Integer.parseInt(setting.get().strip());
            if (size >= 1 && size <= MAX_SANE_POOL_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below, one line, like an out-of-range value
        }
        throw new IllegalArgumentException(POOL_SIZE_VARIABLE + " must be a whole number from 1 to " + MAX_SANE_POOL_SIZE);
    }

    /** Query parameters {@code user}/{@code password} travel as connection properties, never in the URL Hikari keeps. */
    static String withoutCredentials(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        if (q < 0) {
            return jdbcUrl;
        }
        StringBuilder kept = new StringBuilder();
        for (String param : jdbcUrl.substring(q + 1).split("&")) {
            String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
            if (!name.equals("user") && !name.equals("password") && !param.isEmpty()) {
                kept.append(kept.length() == 0 ? "" : "&").append(param);
            }
        }
        return jdbcUrl.substring(0, q) + (kept.length() == 0 ? "" : "?" + kept);
    }

    private enum Kind {
        POSTGRESQL(POSTGRES_DRIVER, "the PostgreSQL JDBC driver (org.postgresql:postgresql)"),
        H2(H2_DRIVER, "the H2 database (com.h2database:h2)");

        final String driverClass;
        final String what;

        Kind(String driverClass, String what) {
            this.driverClass = driverClass;
            this.what = what;
        }
    }

    /** Settings of one pool; {@link #build()} starts it. */
    public static final class Builder {
        private final String variable;
        private final Kind kind;
        private final String jdbcUrl;
        private final Optional<String> user;
        private final Optional<String> password;
        private String component = "db";
        private int maximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
        private Duration connectionTimeout;

        private Builder(String variable, Kind kind, String jdbcUrl, Optional<String> user, Optional<String> password) {
            this.variable = Objects.requireNonNull(variable, "variable");
            this.kind = kind;
            this.connectionTimeout = kind == Kind.H2 ? DEFAULT_EMBEDDED_CONNECTION_TIMEOUT : DEFAULT_CONNECTION_TIMEOUT;
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
        }

        /** The component the pool serves: the pool is named {@code sosops-env-<component>}. */
        public Builder component(String component) {
            if (!Objects.requireNonNull(component, "component").matches("[a-z0-9][a-z0-9-]{0,40}")) {
                throw new IllegalArgumentException("a pool's component name is lower-case letters, digits and '-'");
            }
            this.component = component;
            return this;
        }

        /** The most connections the pool opens (default {@value #DEFAULT_MAXIMUM_POOL_SIZE}). */
        public Builder maximumPoolSize(int size) {
            if (size < 1 || size > MAX_SANE_POOL_SIZE) {
                throw new IllegalArgumentException("maximumPoolSize must be from 1 to " + MAX_SANE_POOL_SIZE);
            }
            this.maximumPoolSize = size;
            return this;
        }

        /**
         * How long a borrower waits for a connection (at least 250 ms, HikariCP's floor; default
         * {@link #DEFAULT_CONNECTION_TIMEOUT}, or {@link #DEFAULT_EMBEDDED_CONNECTION_TIMEOUT} for H2).
         */
        public Builder connectionTimeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").toMillis() < 250) {
                throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
            }
            this.connectionTimeout = timeout;
            return this;
        }

        /** The pool's name, {@code sosops-env-<component>}. */
        public String poolName() {
            return "sosops-env-" + component;
        }

        /**
         * Starts the pool. It opens connections lazily: an unreachable server does not stop the
         * host from starting, and each operation that needs it fails after the connection timeout.
         *
         * @throws IllegalStateException naming the variable when the JDBC driver is not on the class path
         */
        public PooledDataSource build() {
            requireDriver();
            HikariConfig config = new HikariConfig();
            config.setPoolName(poolName());
            config.setJdbcUrl(jdbcUrl);
            config.setDriverClassName(kind.driverClass);
            user.ifPresent(config::setUsername);
            password.ifPresent(config::setPassword);
            config.setMaximumPoolSize(maximumPoolSize);
            // A small floor, not a fixed-size pool: an idle application holds one connection, a busy one grows to the bound.
            config.setMinimumIdle(Math.min(2, maximumPoolSize));
            config.setConnectionTimeout(connectionTimeout.toMillis());
            config.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 2_000));
            // Start without a connection: the first operation (or the host's start-up check) reports an outage.
            config.setInitializationFailTimeout(-1);
            if (kind == Kind.POSTGRESQL) {
                long connectSeconds = Math.max(1, connectionTimeout.toSeconds());
                config.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
                config.addDataSourceProperty("socketTimeout", "15");
                config.addDataSourceProperty("ApplicationName", poolName());
            }
            return new PooledDataSource(config);
        }

        /** HikariCP looks in the context class loader, then in its own: so does this check. */
        private void requireDriver() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            for (ClassLoader loader : new ClassLoader[] {context, PooledDataSources.class.getClassLoader()}) {
                if (loader == null) {
                    continue;
                }
                try {
                    Class.forName(kind.driverClass, false, loader);
                    return;
                } catch (ClassNotFoundException | LinkageError e) {
                    // try the next loader; reported below when none has it
                }
            }
            throw new IllegalStateException(variable + " needs " + kind.what + " on the class path");
        }
    }
}
