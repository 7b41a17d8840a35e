package org.sosops.env.flags.overrides;

/** The four override variables of docs/flags.md. */
public enum OverrideVariable {
    FEATURE_FLAG_ENV_OVERRIDES_JSON,
    FEATURE_FLAG_ORG_OVERRIDES_JSON,
    ENTITLEMENT_ENV_OVERRIDES_JSON,
    ENTITLEMENT_ORG_OVERRIDES_JSON
}
