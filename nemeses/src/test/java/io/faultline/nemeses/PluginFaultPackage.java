package io.faultline.nemeses;

import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.OpSpec;
import java.time.Duration;
import java.util.List;

/** A plugin fault package for {@link FaultPackagesTest}, found through META-INF/services. */
public final class PluginFaultPackage implements FaultPackages.FaultPackageProvider {

    @Override
    public String name() {
        return "plugin-fault";
    }

    @Override
    public String description() {
        return "a fault from a plugin jar";
    }

    @Override
    public FaultPackage create(List<String> nodes, Duration interval) {
        return new FaultPackage(name(), Gen.once(OpSpec.of("plugin-fault", nodes)), Gen.empty(), Nemesis.NONE);
    }
}
