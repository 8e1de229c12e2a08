package io.faultline.nemeses;

import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Generator;

/**
 * A fault family ready to use (Jepsen's nemesis package): the schedule of fault ops for the nemesis worker, the
 * ops that end every fault before the final phase, and the nemesis that applies them.
 *
 * @param name e.g. {@code partition}
 * @param schedule endless nemesis ops (the test time-limits it)
 * @param finalGenerator ops that heal, run once after the schedule
 * @param nemesis the mechanism
 */
public record FaultPackage(String name, Generator schedule, Generator finalGenerator, Nemesis nemesis) {

    public static FaultPackage none() {
        return new FaultPackage("none", Gen.empty(), Gen.empty(), Nemesis.NONE);
    }

    public boolean injectsFaults() {
        return nemesis != Nemesis.NONE;
    }
}
