package io.faultline.harness.cli;

import io.faultline.harness.db.BundledStore;
import io.faultline.nemeses.FaultPackages;
import java.util.Iterator;

/**
 * The names {@code --help} lists, read from the registries that accept them, so that help never falls behind what
 * a command takes (picocli's {@code ${COMPLETION-CANDIDATES}}).
 */
final class HelpLists {

    private HelpLists() {}

    /** Every workload by name, the built-in ones and those a plugin jar adds. */
    static final class Workloads implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return io.faultline.workloads.Workloads.all().keySet().iterator();
        }
    }

    /** Every fault package by name. */
    static final class Nemeses implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return FaultPackages.DESCRIPTIONS.keySet().iterator();
        }
    }

    /** The bundled store's known-wrong modes. */
    /** Every engine's known-wrong modes, each once, engine by engine. */
    static final class Bugs implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BundledStore.ENGINES.values().stream()
                    .flatMap(e -> e.bugs().stream())
                    .distinct()
                    .iterator();
        }
    }

    static final class Engines implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BundledStore.ENGINES.keySet().iterator();
        }
    }
}
