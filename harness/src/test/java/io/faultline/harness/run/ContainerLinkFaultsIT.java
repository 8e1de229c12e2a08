package io.faultline.harness.run;

import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.docker.RequiresDocker;

/** The link-fault contract on containers, behind the proxy container, probed from inside the cluster network. */
@RequiresDocker
class ContainerLinkFaultsIT extends LinkFaultsContract {
    @Override
    ClusterRuntime runtime() {
        return ClusterRuntime.CONTAINERS;
    }
}
