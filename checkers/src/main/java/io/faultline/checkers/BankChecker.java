package io.faultline.checkers;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Jepsen's {@code bank} checker: clients move money between a fixed set of accounts with {@code transfer} and
 * {@code read} every balance at once. Every successful read must show exactly the known accounts, each with a
 * balance (never negative unless allowed), summing to the total: a transfer seen half-applied, a lost or doubled
 * write, or a read of two different moments shows as a wrong total.
 *
 * <p>A read's value is a map from account to balance. Accounts are compared by their text, so a history read back
 * from JSON (where map keys are strings) checks the same as the one the client recorded.
 */
public final class BankChecker implements Checker {

    /** How a read can be wrong, with Jepsen's names. */
    public enum ErrorKind {
        /** The read lacks an account. */
        MISSING_ACCOUNT("missing-account"),
        /** The read shows an account that was never part of the test. */
        UNEXPECTED_KEY("unexpected-key"),
        /** An account is present with no balance. */
        NIL_BALANCE("nil-balance"),
        /** A balance below zero, where the test forbids it. */
        NEGATIVE_VALUE("negative-value"),
        /** The balances do not add up to the total. */
        WRONG_TOTAL("wrong-total");

        private final String label;

        ErrorKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One wrong read.
     *
     * @param index the read's completion index in the history
     * @param kind what is wrong
     * @param balances what it read, by account
     * @param total the sum of the balances it read (0 when some are missing)
     * @param explanation a sentence naming the accounts and amounts
     */
    public record BadRead(long index, ErrorKind kind, Map<String, Object> balances, long total, String explanation) {}

    /**
     * What the checker found, for results.json.
     *
     * @param reads the ok reads checked
     * @param expectedTotal the total every read must show
     * @param errorCounts how many reads were wrong in each way
     * @param first the first wrong reads, at most {@link #SHOWN}
     */
    public record Details(int reads, long expectedTotal, Map<String, Integer> errorCounts, List<BadRead> first) {}

    /** How many wrong reads the details list. */
    public static final int SHOWN = 20;

    private final Set<String> accounts;
    private final long total;
    private final boolean negativeAllowed;

    /**
     * @param accounts every account of the test, by its text
     * @param total what the balances must always add up to
     * @param negativeAllowed whether a balance may go below zero
     */
    public BankChecker(Set<String> accounts, long total, boolean negativeAllowed) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("a bank needs at least one account");
        }
        this.accounts = Set.copyOf(accounts);
        this.total = total;
        this.negativeAllowed = negativeAllowed;
    }

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public CheckResult check(List<Op> history) {
        int reads = 0;
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<BadRead> first = new ArrayList<>();
        for (Op op : history) {
            if (!(op.process() instanceof ProcessId.Client)
                    || op.type() != OpType.OK
                    || !op.f().equals("read")) {
                continue;
            }
            reads++;
            for (BadRead bad : judge(op)) {
                counts.merge(bad.kind().label(), 1, Integer::sum);
                if (first.size() < SHOWN) {
                    first.add(bad);
                }
            }
        }
        Details details = new Details(reads, total, counts, first);
        if (!first.isEmpty()) {
            int wrong = counts.values().stream().mapToInt(Integer::intValue).sum();
            return CheckResult.of(
                    name(),
                    Verdict.INVALID,
                    wrong + " problem(s) in " + reads + " reads; first: "
                            + first.get(0).explanation(),
                    details);
        }
        if (reads == 0) {
            return CheckResult.of(name(), Verdict.UNKNOWN, "no read succeeded, so no balance was checked", details);
        }
        return CheckResult.of(
                name(),
                Verdict.VALID,
                "all " + reads + " reads show " + accounts.size() + " accounts adding up to " + total,
                details);
    }

    private List<BadRead> judge(Op op) {
        if (!(op.value() instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("the bank checker needs each ok read's value to be a map of account to"
                    + " balance, but op " + op.index() + " read " + op.value());
        }
        Map<String, Object> balances = new TreeMap<>();
        raw.forEach((k, v) -> balances.put(String.valueOf(k), v));
        List<BadRead> bad = new ArrayList<>();
        Set<String> missing = new TreeSet<>(accounts);
        missing.removeAll(balances.keySet());
        Set<String> unexpected = new TreeSet<>(balances.keySet());
        unexpected.removeAll(accounts);
        long sum = 0;
        boolean complete = missing.isEmpty();
        for (Map.Entry<String, Object> e : balances.entrySet()) {
            if (e.getValue() == null) {
                complete = false;
                bad.add(bad(op, ErrorKind.NIL_BALANCE, balances, 0, "account " + e.getKey() + " has no balance"));
            } else if (!(e.getValue() instanceof Number n)) {
                throw new IllegalArgumentException("the bank checker needs integer balances, but op " + op.index()
                        + " read " + e.getValue() + " for account " + e.getKey());
            } else {
                sum += n.longValue();
                if (n.longValue() < 0 && !negativeAllowed) {
                    bad.add(bad(
                            op,
                            ErrorKind.NEGATIVE_VALUE,
                            balances,
                            0,
                            "account " + e.getKey() + " holds " + n.longValue() + ", below zero"));
                }
            }
        }
        if (!missing.isEmpty()) {
            bad.add(bad(op, ErrorKind.MISSING_ACCOUNT, balances, 0, "accounts " + missing + " are missing"));
        }
        if (!unexpected.isEmpty()) {
            bad.add(bad(
                    op,
                    ErrorKind.UNEXPECTED_KEY,
                    balances,
                    0,
                    "accounts " + unexpected + " were never part of the test"));
        }
        if (complete && unexpected.isEmpty() && sum != total) {
            bad.add(bad(
                    op,
                    ErrorKind.WRONG_TOTAL,
                    balances,
                    sum,
                    "the balances " + balances + " add up to " + sum + ", not " + total));
        }
        return bad;
    }

    private static BadRead bad(Op op, ErrorKind kind, Map<String, Object> balances, long sum, String what) {
        return new BadRead(
                op.index(), kind, balances, sum, "the read completed at index " + op.index() + " is wrong: " + what);
    }
}
