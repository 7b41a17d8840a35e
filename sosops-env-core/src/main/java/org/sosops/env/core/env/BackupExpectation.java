package org.sosops.env.core.env;

/** Which backups an environment is expected to have. */
public enum BackupExpectation {
    NONE,
    WEEKLY,
    DAILY_AND_MONTHLY_SNAPSHOT
}
