package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.Verdict;
import org.junit.jupiter.api.Test;

/** A broken client rule has its own exit code, which only an invalid run outranks. */
class ExitCodesTest {

    @Test
    void runs_without_broken_client_rules_exit_with_their_verdict() {
        assertThat(ExitCodes.ofRuns(Verdict.VALID, false)).isEqualTo(ExitCodes.OK);
        assertThat(ExitCodes.ofRuns(Verdict.UNKNOWN, false)).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(ExitCodes.ofRuns(Verdict.INVALID, false)).isEqualTo(ExitCodes.INVALID);
    }

    @Test
    void a_broken_client_rule_exits_3_even_when_valid_and_an_invalid_run_still_exits_1() {
        assertThat(ExitCodes.ofRuns(Verdict.VALID, true))
                .isEqualTo(ExitCodes.CLIENT_RULES_BROKEN)
                .isEqualTo(3);
        assertThat(ExitCodes.ofRuns(Verdict.UNKNOWN, true)).isEqualTo(ExitCodes.CLIENT_RULES_BROKEN);
        assertThat(ExitCodes.ofRuns(Verdict.INVALID, true)).isEqualTo(ExitCodes.INVALID);
    }
}
