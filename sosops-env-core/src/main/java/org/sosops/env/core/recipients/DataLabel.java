package org.sosops.env.core.recipients;

/**
 * What a batch sent from dev or staging holds, as the policy requires it to be labeled: data made
 * up for tests, or real people's data a staff member explicitly authorized for this send.
 */
public enum DataLabel {
    TEST_DATA("test-data"),
    AUTHORIZED_REAL_DATA("authorized-real-data");

    private final String id;

    DataLabel(String id) {
        this.id = id;
    }

    /** The stable spelling used in signed authorizations and audit records. */
    public String id() {
        return id;
    }

    static DataLabel fromId(String id) {
        for (DataLabel label : values()) {
            if (label.id.equals(id)) {
                return label;
            }
        }
        throw new IllegalArgumentException("unknown data label '" + id + "' (test-data or authorized-real-data)");
    }

    @Override
    public String toString() {
        return id;
    }
}
