package io.faultline.reports;

import io.faultline.checkers.history.FaultKind;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the fault windows of a history: pairs each nemesis invocation with its completion, then matches the op that
 * starts a fault with the op that ends it ({@code start-partition..stop-partition}, {@code kill..start}, {@code
 * pause..resume}, {@code bump..reset}, {@code start-link-fault..stop-link-fault}, {@code start-loss..stop-loss});
 * {@code together} starts each of its parts, and {@code heal} ends every fault in force. Nemesis ops that neither
 * start nor end a fault (such as {@code check-clocks}) are actions without a window.
 */
final class FaultWindows {

    static final String HEAL = FaultKind.HEAL;

    /** Every fault family, in the order of the report's legend. */
    static final Set<String> KINDS = java.util.Arrays.stream(FaultKind.values())
            .map(FaultKind::label)
            .collect(java.util.stream.Collectors.toSet());

    private FaultWindows() {}

    /** The nemesis ops of a history, invocation paired with completion, in invocation order. */
    static List<NemesisAction> actions(List<Op> history) {
        List<NemesisAction> actions = new ArrayList<>();
        Op pending = null;
        for (Op op : history) {
            if (!(op.process() instanceof ProcessId.Nemesis)) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                if (pending != null) {
                    actions.add(new NemesisAction(pending.f(), pending.time(), -1, pending.value(), null));
                }
                pending = op;
            } else if (pending != null) {
                actions.add(new NemesisAction(pending.f(), pending.time(), op.time(), pending.value(), op.value()));
                pending = null;
            }
        }
        if (pending != null) {
            actions.add(new NemesisAction(pending.f(), pending.time(), -1, pending.value(), null));
        }
        return actions;
    }

    /** The fault windows of these actions, in the order they started. */
    static List<FaultWindow> windows(List<NemesisAction> actions, long historyEndNs) {
        Map<String, NemesisAction> open = new LinkedHashMap<>();
        List<FaultWindow> windows = new ArrayList<>();
        for (NemesisAction action : actions) {
            for (String kind : startedKinds(action)) {
                NemesisAction previous = open.put(kind, action);
                if (previous != null) {
                    // a second start of the same family without an end: the first window ends where the second begins
                    windows.add(new FaultWindow(kind, previous, action, historyEndNs));
                }
            }
            if (action.f().equals(HEAL)) {
                open.forEach((kind, start) -> windows.add(new FaultWindow(kind, start, action, historyEndNs)));
                open.clear();
            } else {
                String kind =
                        FaultKind.endedBy(action.f()).map(FaultKind::label).orElse(null);
                if (kind != null) {
                    NemesisAction start = open.remove(kind);
                    if (start != null) {
                        windows.add(new FaultWindow(kind, start, action, historyEndNs));
                    }
                }
            }
        }
        open.forEach((kind, start) -> windows.add(new FaultWindow(kind, start, null, historyEndNs)));
        windows.sort((a, b) -> Long.compare(a.fromNs(), b.fromNs()));
        return windows;
    }

    /** True when the action neither starts nor ends a fault (e.g. {@code check-clocks}): drawn as a marker. */
    static boolean isMarker(NemesisAction action) {
        return startedKinds(action).isEmpty()
                && FaultKind.endedBy(action.f()).isEmpty()
                && !action.f().equals(HEAL);
    }

    private static List<String> startedKinds(NemesisAction action) {
        return FaultKind.startedBy(action.f(), action.request()).stream()
                .map(FaultKind::label)
                .toList();
    }
}
