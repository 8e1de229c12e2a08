package io.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultWindowsTest {

    private final List<Op> history = new ArrayList<>();

    private void nemesis(String f, Object request, long from, long to) {
        history.add(new Op(history.size(), from, OpType.INVOKE, ProcessId.NEMESIS, f, request, null, null, Map.of()));
        history.add(new Op(
                history.size(),
                to,
                OpType.INFO,
                ProcessId.NEMESIS,
                f,
                Map.of("applied", "x", "verified", true, "note", f + " done"),
                null,
                null,
                Map.of()));
    }

    private List<FaultWindow> windows(long end) {
        return FaultWindows.windows(FaultWindows.actions(history), end);
    }

    @Test
    void eachStartOpIsMatchedWithTheOpThatEndsItsKindFromStartInvocationToEndCompletion() {
        nemesis("start-partition", "majority", 10, 12);
        nemesis("kill", "n1", 20, 22);
        nemesis("stop-partition", null, 30, 33);
        nemesis("start", "n1", 40, 44);
        nemesis("start-link-fault", null, 50, 51);
        nemesis("stop-link-fault", null, 60, 61);

        assertThat(windows(100))
                .extracting(FaultWindow::label, FaultWindow::fromNs, FaultWindow::toNs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("partition: start-partition..stop-partition", 10L, 33L),
                        org.assertj.core.groups.Tuple.tuple("kill: kill..start", 20L, 44L),
                        org.assertj.core.groups.Tuple.tuple("link-fault: start-link-fault..stop-link-fault", 50L, 61L));
    }

    @Test
    void togetherOpensAWindowPerPartEndedSeparately() {
        nemesis(
                "together",
                List.of(List.of("start-partition", "primaries"), List.of("bump", Map.of("n1", -1000))),
                10,
                12);
        nemesis("stop-partition", null, 20, 21);
        nemesis("reset", null, 22, 23);

        assertThat(windows(100))
                .extracting(FaultWindow::label)
                .containsExactly("partition: together..stop-partition", "clock: together..reset");
    }

    @Test
    void healEndsEveryFaultInForceAndAFaultNeverEndedLastsToTheEndOfTheHistory() {
        nemesis("pause", "n2", 10, 11);
        nemesis("start-loss", null, 12, 13);
        nemesis("heal", null, 20, 25);
        nemesis("bump", Map.of("n1", 5), 30, 31);

        List<FaultWindow> windows = windows(99);

        assertThat(windows)
                .extracting(FaultWindow::label)
                .containsExactly("pause: pause..heal", "loss: start-loss..heal", "clock: bump..(still in force)");
        assertThat(windows.get(2).toNs()).isEqualTo(99);
        assertThat(windows.get(2).end()).isNull();
    }

    @Test
    void anOpThatNeitherStartsNorEndsAFaultIsAMarkerNotAWindow() {
        nemesis("check-clocks", null, 10, 11);

        List<NemesisAction> actions = FaultWindows.actions(history);

        assertThat(windows(50)).isEmpty();
        assertThat(actions).singleElement().satisfies(a -> {
            assertThat(FaultWindows.isMarker(a, io.faultline.checkers.history.FaultVocabulary.builtIn()))
                    .isTrue();
            assertThat(a.verified()).isTrue();
            assertThat(a.note()).isEqualTo("check-clocks done");
        });
    }

    @Test
    void aNemesisOpTheHistoryNeverCompletedHasNoCompletionTime() {
        history.add(new Op(0, 10, OpType.INVOKE, ProcessId.NEMESIS, "kill", "n1", null, null, Map.of()));

        List<NemesisAction> actions = FaultWindows.actions(history);

        assertThat(actions).singleElement().satisfies(a -> {
            assertThat(a.completedNs()).isEqualTo(-1);
            assertThat(a.hasVerification()).isFalse();
        });
        assertThat(windows(70)).extracting(FaultWindow::toNs).containsExactly(70L);
    }
}
