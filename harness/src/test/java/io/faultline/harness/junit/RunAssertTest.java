package io.faultline.harness.junit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.ProcessId;
import io.faultline.harness.run.ClientRuleViolation;
import io.faultline.harness.run.ClientRules;
import io.faultline.harness.run.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A valid history is not a valid run when the client broke a client rule. */
class RunAssertTest {

    private static final CheckResult VALID = CheckResult.of("linearizable", Verdict.VALID, "linearizable", null);

    private static RunResult run(List<ClientRuleViolation> violations) {
        return new RunResult(Path.of("store/x/1"), Verdict.VALID, VALID, 10, Duration.ofSeconds(1), violations);
    }

    @Test
    void a_valid_run_whose_client_kept_the_rules_is_valid() {
        assertThatCode(() -> RunAssert.assertThat(run(List.of())).isValid().hasNoClientRuleViolations())
                .doesNotThrowAnyException();
    }

    @Test
    void a_valid_history_with_a_broken_client_rule_fails_is_valid_naming_the_rule_the_op_and_the_client() {
        ClientRuleViolation broken = new ClientRuleViolation(
                ClientRules.Rule.TIMEOUT_IS_INFO,
                "it returned fail with error java.net.SocketTimeoutException",
                7,
                ProcessId.client(2),
                100,
                "write",
                "example.RedisClient");

        assertThatThrownBy(() -> RunAssert.assertThat(run(List.of(broken))).isValid())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("client rule broken: a timeout is info, never fail — it returned fail with"
                        + " error java.net.SocketTimeoutException (op 7, client example.RedisClient)");
        assertThatThrownBy(() -> RunAssert.assertThat(run(List.of(broken))).hasNoClientRuleViolations())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("store/x/1");
    }
}
