package org.sosops.env.promotion.access;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** Every probe of an admin-controls validation, in the order made. */
public record AdminControlsReport(String baseUrl, List<Probe> probes) {
    public AdminControlsReport {
        probes = List.copyOf(probes);
    }

    /**
     * One request: which endpoint, as which caller ({@code admin}, {@code member} or
     * {@code anonymous}), what was expected ({@code 2xx}, {@code 403}, {@code 401}) and what came.
     *
     * @param status empty when no answer came (connection error, timeout)
     * @param problem why no answer came; empty when one did
     */
    public record Probe(String endpoint, String caller, String expected, OptionalInt status, String problem) {
        public Probe {
            Objects.requireNonNull(endpoint);
            Objects.requireNonNull(caller);
            Objects.requireNonNull(expected);
            Objects.requireNonNull(status);
            Objects.requireNonNull(problem);
        }

        public boolean passed() {
            if (status.isEmpty()) {
                return false;
            }
            int s = status.getAsInt();
            return expected.equals("2xx") ? s / 100 == 2 : String.valueOf(s).equals(expected);
        }

        /** E.g. {@code /api/dashboard/ops/incidents as member: expected 403, got 200}. */
        public String describe() {
            return endpoint + " as " + caller + ": expected " + expected + ", got "
                    + (status.isPresent() ? String.valueOf(status.getAsInt()) : "no answer (" + problem + ")");
        }
    }

    public boolean ok() {
        return probes.stream().allMatch(Probe::passed);
    }

    public List<Probe> failing() {
        return probes.stream().filter(p -> !p.passed()).toList();
    }
}
