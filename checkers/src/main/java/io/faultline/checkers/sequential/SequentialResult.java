package io.faultline.checkers.sequential;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.LinearizabilityResult.Step;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sequential-consistency verdict on one history.
 *
 * @param verdict valid, invalid, or unknown (a time or state budget ran out)
 * @param model the data model's name
 * @param operations how many operations were ordered (after the model dropped those without effect)
 * @param partitions how many independent parts the model split the history into
 * @param statesExplored how many (program-order position, model state) pairs the searches memoised in all
 * @param counterexample for an invalid history, why; else null
 * @param cause for an unknown verdict, which budget ran out and how far the search got; else null
 */
public record SequentialResult(
        Verdict verdict,
        String model,
        int operations,
        int partitions,
        long statesExplored,
        @Nullable Counterexample counterexample,
        @Nullable String cause) {

    /**
     * Why a history is not sequentially consistent.
     *
     * @param key the partition in which no order exists, or {@code ""} when only the whole history has none
     * @param longest the longest order found that respects program order and the model, each operation with the
     *     state after it
     * @param blocked each process's next operation after {@code longest}: none of them can go next
     * @param initialState the state before the first operation
     * @param explanation all of it in words
     */
    public record Counterexample(
            String key, List<Step> longest, List<Operation> blocked, String initialState, String explanation) {
        public Counterexample {
            longest = List.copyOf(longest);
            blocked = List.copyOf(blocked);
        }
    }
}
