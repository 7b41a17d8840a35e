package org.sosops.env.testing.environment;

import org.sosops.env.core.rules.RuleId;

/** A deliberate fault {@link FakeEnvironment} can put into a variable set, and the rule that reports it. */
public enum Breakage {
    /** {@code APP_ENV=production}: not canonical. */
    INVALID_APP_ENV(RuleId.APP_ENV_INVALID),
    /** {@code AUTH_SECRET} removed. */
    MISSING_AUTH_SECRET(RuleId.REQUIRED_MISSING),
    /** {@code AUTH_SECRET} set to a placeholder. */
    WEAK_AUTH_SECRET(RuleId.SECRET_WEAK),
    /** {@code LOG_LEVEL=verbose}. */
    INVALID_LOG_LEVEL(RuleId.VALUE_INVALID),
    /** {@code APP_URL} is not a URL. */
    INVALID_APP_URL(RuleId.VALUE_INVALID),
    /** {@code TWILIO_ACCOUNT_SID} in the wrong shape. */
    MALFORMED_TWILIO_ACCOUNT_SID(RuleId.VALUE_INVALID),
    /** {@code DATABASE_URL} names a database other than {@code sos_ops_<env>}. */
    WRONG_DATABASE(RuleId.DATABASE_SEPARATION);

    private final RuleId expectedRule;

    Breakage(RuleId expectedRule) {
        this.expectedRule = expectedRule;
    }

    /** The rule validation reports for this fault. */
    public RuleId expectedRule() {
        return expectedRule;
    }
}
