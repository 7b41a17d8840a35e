package org.sosops.env.core.catalog;

/**
 * Why a value breaks its format. {@link Kind#WEAK} marks a secret that is well-formed but not
 * strong enough. The message completes a sentence starting with the variable name and never
 * contains the value.
 */
public record FormatProblem(Kind kind, String message) {
    public enum Kind { INVALID, WEAK }

    public static FormatProblem invalid(String message) {
        return new FormatProblem(Kind.INVALID, message);
    }

    public static FormatProblem weak(String message) {
        return new FormatProblem(Kind.WEAK, message);
    }
}
