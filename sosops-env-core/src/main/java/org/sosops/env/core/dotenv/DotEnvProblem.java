package org.sosops.env.core.dotenv;

import org.sosops.env.core.variables.Location;

/** A line of a {@code .env} file that could not be read, with where and why. */
public record DotEnvProblem(Location location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
