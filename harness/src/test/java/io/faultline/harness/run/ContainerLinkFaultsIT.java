package io.faultline.harness.run;

import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.docker.RequiresDocker;

/** The link-fault contract on containers, behind the proxy container of our image, probed from the prober container. */
@RequiresDocker
class ContainerLinkFaultsIT extends LinkFaultsContract {
    @Override
    ClusterRuntime runtime() {
        return ClusterRuntime.CONTAINERS;
    }
}
