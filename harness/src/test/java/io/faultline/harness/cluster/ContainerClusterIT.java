package io.faultline.harness.cluster;

import io.faultline.harness.docker.RequiresDocker;

/** The cluster contract on containers: real Docker, a private network, fixed addresses. */
@RequiresDocker
class ContainerClusterIT extends ClusterContract {
    @Override
    ClusterRuntime runtime() {
        return ClusterRuntime.CONTAINERS;
    }
}
