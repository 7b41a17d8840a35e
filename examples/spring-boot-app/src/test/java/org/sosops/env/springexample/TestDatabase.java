package org.sosops.env.springexample;

import org.sosops.env.core.testsupport.ScratchDatabase;

/** One scratch PostgreSQL database for the example's tests, dropped when the JVM exits. */
final class TestDatabase {
    static final ScratchDatabase DATABASE = ScratchDatabase.create("spring_example");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DATABASE::close));
    }

    private TestDatabase() {
    }
}
