package org.sosops.env.promotion.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sosops.env.core.env.AppEnv;
import org.sosops.env.promotion.PromotionInputException;
import org.sosops.env.promotion.ledger.LedgerEntry;
import org.sosops.env.promotion.ledger.PromotionLedger;

/**
 * The release rules of the policy: which branch deploys where, and what a production release
 * must prove. By default {@code main} deploys to staging, {@code prod} to prod and every other
 * branch to a preview; a production release must be a tagged commit on the prod branch whose
 * exact commit passed the staging smoke checks (recorded in the {@link PromotionLedger}).
 *
 * <pre>{@code
 * ReleaseRules rules = ReleaseRules.parse("main=staging,prod=prod,release/*=staging");
 * List<String> problems = rules.checkRelease("prod", candidate, Optional.of(ledger));
 * }</pre>
 */
public final class ReleaseRules {
    /** The environment of branches no rule names. */
    public static final String PREVIEW = "preview";
    /** The ledger check a production commit must have passed on staging. */
    public static final String SMOKE_CHECK = "smoke";

    private final Map<String, String> branches;
    private final List<String> order;

    private ReleaseRules(Map<String, String> branches) {
        this.branches = Map.copyOf(branches);
        this.order = List.copyOf(branches.keySet());
    }

    public static ReleaseRules defaults() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("main", AppEnv.STAGING.id());
        map.put("prod", AppEnv.PROD.id());
        return new ReleaseRules(map);
    }

    /**
     * Parses {@code branch=environment} pairs separated by commas; a branch ending in {@code *}
     * matches by prefix. Unnamed branches go to {@value #PREVIEW}.
     */
    public static ReleaseRules parse(String spec) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new PromotionInputException("branch mapping '" + pair.strip() + "' must be BRANCH=ENVIRONMENT");
            }
            map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        if (map.isEmpty()) {
            throw new PromotionInputException("the branch mapping is empty");
        }
        return new ReleaseRules(map);
    }

    /** The environment {@code branch} deploys to. */
    public String environmentFor(String branch) {
        String exact = branches.get(branch);
        if (exact != null) {
            return exact;
        }
        for (String rule : order) {
            if (rule.endsWith("*") && branch.startsWith(rule.substring(0, rule.length() - 1))) {
                return branches.get(rule);
            }
        }
        return PREVIEW;
    }

    /** The branches that deploy to {@code environment} (exact names only). */
    public List<String> branchesFor(String environment) {
        return order.stream().filter(b -> branches.get(b).equals(environment)).toList();
    }

    /**
     * Why {@code candidate} may not be released to {@code target}; empty when it may. For prod:
     * the branch, a tag, and the ledger's staging smoke evidence for the exact commit.
     */
    public List<String> checkRelease(String target, ReleaseCandidate candidate, Optional<PromotionLedger> ledger) {
        List<String> problems = new ArrayList<>();
        if (candidate.branch().isEmpty()) {
            problems.add("the branch of commit " + candidate.shortCommit() + " is unknown (detached checkout); pass --branch");
        } else if (!environmentFor(candidate.branch().get()).equals(target)) {
            problems.add("branch " + candidate.branch().get() + " deploys to " + environmentFor(candidate.branch().get())
                    + ", not " + target + (branchesFor(target).isEmpty() ? "" : " (" + target + " deploys from "
                    + String.join(", ", branchesFor(target)) + ")"));
        }
        if (target.equals(AppEnv.PROD.id())) {
            if (candidate.tags().isEmpty()) {
                problems.add("commit " + candidate.shortCommit() + " is not tagged; a production release must be a tagged commit");
            }
            String provenOn = AppEnv.PROD.migrationsProvenOn().orElseThrow().id();
            if (ledger.isEmpty()) {
                problems.add("no promotion ledger given (set SOSOPS_PROMOTION_LEDGER_URL or name its variable with"
                        + " --ledger-database-url-env): cannot prove commit " + candidate.shortCommit()
                        + " passed the " + provenOn + " smoke checks");
            } else {
                Optional<LedgerEntry> evidence = ledger.get().latest(candidate.commit(), provenOn, SMOKE_CHECK);
                if (evidence.isEmpty()) {
                    problems.add("commit " + candidate.shortCommit() + " was never validated on " + provenOn
                            + " (no smoke result in the ledger; run 'sosops-env smoke --record' against " + provenOn + ")");
                } else if (evidence.get().result() != LedgerEntry.Result.PASS) {
                    problems.add("commit " + candidate.shortCommit() + " failed its latest " + provenOn + " smoke checks ("
                            + evidence.get().recordedAt() + ")");
                }
            }
        }
        return problems;
    }
}
