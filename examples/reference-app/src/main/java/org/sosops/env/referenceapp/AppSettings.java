package org.sosops.env.referenceapp;

import java.util.Optional;
import org.sosops.env.core.EnvironmentPolicy;

/**
 * The application's own settings, read from the validated environment: {@code PORT} and the
 * {@code SOSOPS_*} variables. Everything else comes from the canonical variables through the
 * {@link EnvironmentPolicy}.
 *
 * <pre>{@code
 * AppSettings settings = AppSettings.from(policy);   // PORT=8080 SOSOPS_BIND_ADDRESS=127.0.0.1
 * }</pre>
 *
 * @param port        {@code PORT}, default 3000 (0 picks a free port)
 * @param bindAddress {@code SOSOPS_BIND_ADDRESS}, default {@code 0.0.0.0}
 */
public record AppSettings(int port, String bindAddress) {
    public static final String PORT = "PORT";
    public static final String BIND_ADDRESS = "SOSOPS_BIND_ADDRESS";
    static final int DEFAULT_PORT = 3000;

    public static AppSettings from(EnvironmentPolicy policy) throws StartupException {
        int port = DEFAULT_PORT;
        Optional<String> rawPort = policy.value(PORT).map(String::strip);
        if (rawPort.isPresent()) {
            try {
                port = Integer.parseInt(rawPort.get());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65_535) {
                throw new StartupException(PORT + " must be a port number from 0 to 65535 (got '"
                        + abbreviate(rawPort.get()) + "')");
            }
        }
        String bind = policy.value(BIND_ADDRESS).map(String::strip).orElse("0.0.0.0");
        return new AppSettings(port, bind);
    }

    private static String abbreviate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…" : value;
    }
}
