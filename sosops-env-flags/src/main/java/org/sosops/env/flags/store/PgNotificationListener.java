package org.sosops.env.flags.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one connection in {@code LISTEN} and calls back on every notification. The PostgreSQL
 * driver's notification API is reached reflectively so this module compiles against
 * {@code java.sql} alone; users bring their own driver. After a lost connection it reconnects
 * with a capped back-off. Each time LISTEN takes effect it reports a change, because notices sent
 * before that reached nobody.
 */
final class PgNotificationListener implements FlagStore.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(PgNotificationListener.class);
    private static final int POLL_MILLIS = 250;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ConnectionFactory connections;
    private final String channel;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;

    PgNotificationListener(ConnectionFactory connections, String channel, Runnable onChange) {
        this.connections = connections;
        this.channel = channel;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "sosops-flags-listen-" + channel);
        thread.setDaemon(true);
    }

    PgNotificationListener start() {
        thread.start();
        return this;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long backoffMillis = 100;
        while (running) {
            try (Connection connection = connections.open()) {
                Method poll = notificationsMethod(connection);
                Object pg = connection.unwrap(poll.getDeclaringClass());
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                // A change committed before LISTEN took effect (at start or while reconnecting) sent
                // its notice to nobody: reload once now that nothing more can be missed.
                onChange.run();
                backoffMillis = 100;
                listen(poll, pg);
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                LOG.warn("flag change notifications from {} interrupted ({}: SQLState {}); retrying in {} ms",
                        connections.target(), e.getClass().getSimpleName(), e.getSQLState(), backoffMillis);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis));
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
            } catch (ReflectiveOperationException | ClassCastException e) {
                LOG.warn("the JDBC driver for {} has no PostgreSQL notification API; flag changes from other "
                        + "instances arrive with the refresh schedule only", connections.target());
                return;
            } catch (RuntimeException e) {
                LOG.error("flag change listener for {} stopped by an unexpected error", connections.target(), e);
                return;
            }
        }
    }

    private void listen(Method poll, Object pg) throws SQLException, ReflectiveOperationException {
        while (running) {
            Object[] notifications;
            try {
                notifications = (Object[]) poll.invoke(pg, POLL_MILLIS);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw e;
            }
            if (notifications != null && notifications.length > 0) {
                onChange.run();
            }
        }
    }

    private static Method notificationsMethod(Connection connection) throws ReflectiveOperationException {
        Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", false,
                connection.getClass().getClassLoader());
        return pgConnection.getMethod("getNotifications", int.class);
    }
}
