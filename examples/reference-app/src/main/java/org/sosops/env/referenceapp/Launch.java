package org.sosops.env.referenceapp;

/** What became of an attempt to start: running, or refused with the process exit code to use. */
public sealed interface Launch {
    record Started(ReferenceApp app) implements Launch {
    }

    /**
     * @param exitCode 1 when the environment policy reports problems, 2 when the input cannot be
     *                 read or an application setting is unusable
     */
    record Refused(int exitCode) implements Launch {
    }
}
