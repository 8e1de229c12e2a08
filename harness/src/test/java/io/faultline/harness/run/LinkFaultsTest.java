package io.faultline.harness.run;

import io.faultline.harness.cluster.ClusterRuntime;

/** The link-fault contract on local processes, behind the proxy in the harness's JVM: no Docker needed. */
class LinkFaultsTest extends LinkFaultsContract {
    @Override
    ClusterRuntime runtime() {
        return ClusterRuntime.PROCESSES;
    }
}
