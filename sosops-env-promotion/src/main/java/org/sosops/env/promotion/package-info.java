/**
 * Promotion controls: nothing reaches prod that has not been proven on staging, and no risky
 * migration slips in unreviewed.
 *
 * <ul>
 *   <li>{@code gate} — the migration safety gate (SQL lexer in {@code sql}, baseline);</li>
 *   <li>{@code order} — promotion order between two databases' migration histories;</li>
 *   <li>{@code smoke} — post-deploy smoke checks over HTTP;</li>
 *   <li>{@code ledger} and {@code release} — the promotion ledger and the release rules;</li>
 *   <li>{@code launch} — the launch gate, a checklist of pluggable items with one verdict;</li>
 *   <li>{@code restore} — the restore drill.</li>
 * </ul>
 */
package org.sosops.env.promotion;
