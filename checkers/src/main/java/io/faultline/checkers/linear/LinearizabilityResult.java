package io.faultline.checkers.linear;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Operation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The verdict on one history.
 *
 * @param verdict valid, invalid, or unknown (timed out, out of memory)
 * @param model the model's name
 * @param operations how many operations were checked (after the model dropped those without effect)
 * @param partitions the verdict per independent part
 * @param counterexample for an invalid history, why; else null
 * @param cause for an unknown verdict, why ({@code timeout after 60s}, {@code out of memory}); else null
 */
public record LinearizabilityResult(
        Verdict verdict,
        String model,
        int operations,
        List<PartitionOutcome> partitions,
        @Nullable Counterexample counterexample,
        @Nullable String cause) {

    public LinearizabilityResult {
        partitions = List.copyOf(partitions);
    }

    /** Keys of the partitions that were fully checked and found valid. */
    public List<String> fullyCheckedKeys() {
        return partitions.stream()
                .filter(p -> p.verdict() == Verdict.VALID)
                .map(PartitionOutcome::key)
                .toList();
    }

    /**
     * @param key the partition's key
     * @param verdict its verdict
     * @param operations how many operations it had
     * @param cause why it is unknown, or null
     */
    public record PartitionOutcome(
            String key,
            Verdict verdict,
            int operations,
            @Nullable String cause) {}

    /**
     * Why a history is not linearizable.
     *
     * @param key the partition in which no linearization exists
     * @param failing the operation that cannot be linearized: the first whose completion the longest partial
     *     linearization could not get past
     * @param lastOkBefore the last operation that completed ok before {@code failing} completed, or null
     * @param longest the longest partial linearization found, each operation with the state after it
     * @param initialState the state before the first operation
     * @param explanation all of it in words
     */
    public record Counterexample(
            String key,
            Operation failing,
            @Nullable Operation lastOkBefore,
            List<Step> longest,
            String initialState,
            String explanation) {
        public Counterexample {
            longest = List.copyOf(longest);
        }
    }

    /**
     * One operation of a linearization and the state it leaves.
     *
     * @param operation the operation
     * @param stateAfter the model state after it, in words
     */
    public record Step(Operation operation, String stateAfter) {}
}
