package io.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvailabilityTest {
    private final List<Operation> operations = new ArrayList<>();

    private void op(long from, long to, Operation.Outcome outcome) {
        ProcessId p = ProcessId.client(operations.size());
        Op inv = new Op(operations.size() * 2L, from, OpType.INVOKE, p, "read", null, null, null, Map.of());
        OpType type = switch (outcome) {
            case OK -> OpType.OK;
            case FAIL -> OpType.FAIL;
            default -> OpType.INFO;
        };
        Op done = new Op(operations.size() * 2L + 1, to, type, p, "read", 1L, null, null, Map.of());
        operations.add(new Operation(operations.size(), p, "read", null, 1L, outcome, from, to, inv, done, 0, 0));
    }

    private static FaultWindow window(long from, long to) {
        NemesisAction start = new NemesisAction("start-partition", from, from + 1, null, null);
        NemesisAction end = new NemesisAction("stop-partition", to - 1, to, null, null);
        return new FaultWindow("partition", start, end, 1000);
    }

    @Test
    void countsOkFractionsDuringAndAfterAFaultAndTheTimeToTheFirstSuccessAfterTheHeal() {
        op(10, 12, Operation.Outcome.OK); // before the fault: not counted
        op(100, 150, Operation.Outcome.FAIL);
        op(110, 160, Operation.Outcome.INFO);
        op(120, 130, Operation.Outcome.OK);
        op(200, 210, Operation.Outcome.FAIL); // after the heal at 200
        op(220, 260, Operation.Outcome.OK); // first success invoked after the heal: recovered at 260
        op(400, 410, Operation.Outcome.OK); // after the after-interval (heal + 100)

        Availability a =
                Availability.of(List.of(window(100, 200)), operations, 1000).get(0);

        assertThat(a.during()).isEqualTo(new Availability.Counts(1, 1, 1));
        assertThat(a.during().okFraction()).isEqualTo(1.0 / 3);
        assertThat(a.after()).isEqualTo(new Availability.Counts(1, 1, 0));
        assertThat(a.recoveryNs()).isEqualTo(60L);
    }

    @Test
    void theAfterIntervalStopsAtTheNextFaultAndNoSuccessMeansNoRecoveryTime() {
        op(205, 210, Operation.Outcome.FAIL);
        op(260, 270, Operation.Outcome.FAIL); // during the second fault, not after the first

        List<Availability> rows = Availability.of(List.of(window(100, 200), window(250, 300)), operations, 1000);

        assertThat(rows.get(0).after()).isEqualTo(new Availability.Counts(0, 1, 0));
        assertThat(rows.get(0).recoveryNs()).isNull();
        assertThat(rows.get(1).during()).isEqualTo(new Availability.Counts(0, 1, 0));
    }
}
