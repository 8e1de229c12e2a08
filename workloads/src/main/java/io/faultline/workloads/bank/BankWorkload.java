package io.faultline.workloads.bank;

import io.faultline.checkers.BankChecker;
import io.faultline.checkers.Checker;
import io.faultline.workloads.Workload;
import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Generator;
import io.faultline.workloads.generator.OpSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Jepsen's bank: money moves between {@code accounts} accounts, each opened with {@code initialBalance}, by
 * {@code transfer}s of 1 to {@code maxTransfer} from one account to another, and clients {@code read} every balance
 * at once. A transfer that would leave its source below zero must fail. The total never changes, so every read must
 * show it.
 *
 * <p>Ops: {@code transfer} with value {@code {"from": a, "to": b, "amount": n}}; {@code read} with value null,
 * completed with a map from account (0, 1, ...) to balance. An account the store has never written holds its
 * initial balance: clients need no setup phase.
 *
 * @param accounts how many accounts, numbered from 0
 * @param initialBalance what each account holds before any transfer
 * @param maxTransfer the largest amount one transfer moves
 */
public record BankWorkload(int accounts, long initialBalance, long maxTransfer) implements Workload {

    public BankWorkload {
        if (accounts < 2) {
            throw new IllegalArgumentException("a bank needs at least 2 accounts to move money, not " + accounts);
        }
        if (initialBalance < 0 || maxTransfer < 1) {
            throw new IllegalArgumentException("a bank needs a non-negative initial balance and transfers of 1 or"
                    + " more, not " + initialBalance + " and " + maxTransfer);
        }
    }

    /** Jepsen's proportions: 8 accounts of 10, transfers of up to 5. */
    public static BankWorkload withAccounts(int accounts) {
        return new BankWorkload(accounts, 10, 5);
    }

    /** The accounts, 0 to {@code accounts - 1}. */
    public List<Long> accountIds() {
        return LongStream.range(0, accounts).boxed().toList();
    }

    /** What every read must add up to. */
    public long total() {
        return accounts * initialBalance;
    }

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public String description() {
        return "transfers between accounts and reads of every balance; the total must never change";
    }

    @Override
    public Set<String> functions() {
        return Set.of("transfer", "read");
    }

    @Override
    public Generator generator() {
        return Gen.repeat((ctx, rng) -> {
            if (rng.nextInt(2) == 0) {
                return OpSpec.of("read", null);
            }
            long from = rng.nextInt(accounts);
            long to = (from + 1 + rng.nextInt(accounts - 1)) % accounts;
            Map<String, Object> transfer = new LinkedHashMap<>();
            transfer.put("from", from);
            transfer.put("to", to);
            transfer.put("amount", 1 + (long) rng.nextInt((int) maxTransfer));
            return OpSpec.of("transfer", transfer);
        });
    }

    @Override
    public Generator finalGenerator() {
        return Gen.eachWorker(Gen.once(OpSpec.of("read", null)));
    }

    @Override
    public Checker checker() {
        return new BankChecker(accountIds().stream().map(String::valueOf).collect(Collectors.toSet()), total(), false);
    }
}
