package io.faultline.reports;

import io.faultline.checkers.history.FaultKind;
import io.faultline.checkers.history.FaultVocabulary;
import io.faultline.checkers.history.FaultWindowKind;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the fault windows of a history: pairs each nemesis invocation with its completion, then matches the op that
 * starts a fault with the op that ends it ({@code start-partition..stop-partition}, {@code kill..start}, {@code
 * pause..resume}, {@code bump..reset}, {@code start-link-fault..stop-link-fault}, {@code start-loss..stop-loss});
 * {@code together} starts each of its parts, and {@code heal} ends every fault in force. Nemesis ops that neither
 * start nor end a fault (such as {@code check-clocks}) are actions without a window.
 */
final class FaultWindows {

    static final String HEAL = FaultKind.HEAL;

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

    /** The fault windows of these actions, in the order they started, by the built-in families only. */
    static List<FaultWindow> windows(List<NemesisAction> actions, long historyEndNs) {
        return windows(actions, historyEndNs, FaultVocabulary.builtIn());
    }

    /** The fault windows of these actions by {@code vocabulary}'s families, in the order they started. */
    static List<FaultWindow> windows(List<NemesisAction> actions, long historyEndNs, FaultVocabulary vocabulary) {
        Map<String, NemesisAction> open = new LinkedHashMap<>();
        List<FaultWindow> windows = new ArrayList<>();
        for (NemesisAction action : actions) {
            for (String kind : vocabulary.startedBy(action.f(), action.request())) {
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
                String kind = vocabulary.endedBy(action.f()).orElse(null);
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
    static boolean isMarker(NemesisAction action, FaultVocabulary vocabulary) {
        return vocabulary.startedBy(action.f(), action.request()).isEmpty()
                && vocabulary.endedBy(action.f()).isEmpty()
                && !action.f().equals(HEAL);
    }

    /**
     * The families a run declared beside the built-in ones: {@code test.json}'s {@code fault_windows}, a list of
     * {@code {"label", "start", "stop"}} written by the harness from the run's fault package.
     */
    static FaultVocabulary vocabulary(com.fasterxml.jackson.databind.JsonNode test) {
        List<FaultWindowKind> declared = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode kind : test.path("fault_windows")) {
            declared.add(new FaultWindowKind(
                    kind.path("label").asText(),
                    kind.path("start").asText(),
                    kind.path("stop").asText()));
        }
        return FaultVocabulary.with(declared);
    }
}
