package io.faultline.checkers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void invalid_outranks_unknown_which_outranks_valid() {
        assertThat(Verdict.VALID.merge(Verdict.UNKNOWN)).isEqualTo(Verdict.UNKNOWN);
        assertThat(Verdict.UNKNOWN.merge(Verdict.VALID)).isEqualTo(Verdict.UNKNOWN);
        assertThat(Verdict.UNKNOWN.merge(Verdict.INVALID)).isEqualTo(Verdict.INVALID);
        assertThat(Verdict.INVALID.merge(Verdict.UNKNOWN)).isEqualTo(Verdict.INVALID);
        assertThat(Verdict.VALID.merge(Verdict.VALID)).isEqualTo(Verdict.VALID);
    }

    @Test
    void exit_codes_follow_the_command_line_contract() {
        assertThat(Verdict.VALID.exitCode()).isZero();
        assertThat(Verdict.INVALID.exitCode()).isEqualTo(1);
        assertThat(Verdict.UNKNOWN.exitCode()).isEqualTo(2);
    }
}
