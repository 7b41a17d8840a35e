/**
 * Secret hygiene shared by the cross-environment, {@code .env.example} and source-scan checks:
 * which names are secret, which values look real, provider key patterns and credentials in URLs.
 *
 * <p>The sub-packages {@code crossenv}, {@code example} and {@code scan} depend on this package and
 * never on each other.
 */
package org.sosops.env.core.hygiene;
