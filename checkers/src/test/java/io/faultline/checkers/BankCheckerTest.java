package io.faultline.checkers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.checkers.format.Histories;
import io.faultline.checkers.format.HistoryFormat;
import io.faultline.checkers.format.HistoryReader;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bank checker on histories read from JSON Lines (as the harness journals them) and built in memory. */
class BankCheckerTest {

    private static final BankChecker THREE_ACCOUNTS_OF_TEN = new BankChecker(Set.of("0", "1", "2"), 30, false);

    private static List<Op> read(String resource) {
        List<Op> ops = new ArrayList<>();
        try (HistoryReader reader = Histories.open(
                new InputStreamReader(
                        BankCheckerTest.class.getResourceAsStream("/bank/" + resource), StandardCharsets.UTF_8),
                resource,
                HistoryFormat.JSONL,
                false)) {
            Op op;
            while ((op = reader.next()) != null) {
                ops.add(op);
            }
        }
        return ops;
    }

    private static List<Op> oneRead(Map<Object, Object> balances) {
        return List.of(
                new Op(0, 0, OpType.INVOKE, ProcessId.client(0), "read", null, null, null, Map.of()),
                new Op(1, 1, OpType.OK, ProcessId.client(0), "read", balances, null, null, Map.of()));
    }

    @Test
    void reads_that_always_add_up_to_the_total_are_valid_whatever_happened_to_the_transfers() {
        CheckResult result = THREE_ACCOUNTS_OF_TEN.check(read("valid.jsonl"));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
        assertThat(((BankChecker.Details) result.details()).reads()).isEqualTo(2);
    }

    @Test
    void a_read_that_sees_only_half_of_a_transfer_has_the_wrong_total() {
        CheckResult result = THREE_ACCOUNTS_OF_TEN.check(read("wrong-total.jsonl"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        BankChecker.Details details = (BankChecker.Details) result.details();
        assertThat(details.errorCounts()).containsExactly(Map.entry("wrong-total", 1));
        assertThat(details.first()).singleElement().satisfies(bad -> {
            assertThat(bad.index()).isEqualTo(3);
            assertThat(bad.total()).isEqualTo(26);
        });
        assertThat(result.summary()).contains("add up to 26, not 30");
    }

    @Test
    void a_negative_balance_is_an_error_only_where_the_test_forbids_it() {
        Map<Object, Object> balances = new LinkedHashMap<>(Map.of(0L, -5L, 1L, 25L, 2L, 10L));

        assertThat(THREE_ACCOUNTS_OF_TEN.check(oneRead(balances)).summary()).contains("holds -5, below zero");
        assertThat(new BankChecker(Set.of("0", "1", "2"), 30, true)
                        .check(oneRead(balances))
                        .verdict())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void missing_unexpected_and_empty_accounts_are_named() {
        Map<Object, Object> balances = new LinkedHashMap<>();
        balances.put(0L, 10L);
        balances.put(1L, null);
        balances.put(7L, 20L);

        BankChecker.Details details = (BankChecker.Details)
                THREE_ACCOUNTS_OF_TEN.check(oneRead(balances)).details();

        assertThat(details.errorCounts())
                .containsOnlyKeys("nil-balance", "missing-account", "unexpected-key")
                .as("a total over an incomplete read is not judged")
                .doesNotContainKey("wrong-total");
        assertThat(details.first())
                .extracting(BankChecker.BadRead::explanation)
                .anySatisfy(e -> assertThat(e).contains("accounts [2] are missing"))
                .anySatisfy(e -> assertThat(e).contains("accounts [7] were never part of the test"));
    }

    @Test
    void a_history_without_a_successful_read_proves_nothing() {
        List<Op> onlyTransfers = read("valid.jsonl").stream()
                .filter(op -> !op.f().equals("read"))
                .toList();

        assertThat(THREE_ACCOUNTS_OF_TEN.check(onlyTransfers).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void a_read_that_is_not_a_map_of_balances_is_refused_with_its_index() {
        List<Op> history = List.of(new Op(4, 0, OpType.OK, ProcessId.client(0), "read", 30L, null, null, Map.of()));

        assertThatThrownBy(() -> THREE_ACCOUNTS_OF_TEN.check(history))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("op 4 read 30");
    }
}
