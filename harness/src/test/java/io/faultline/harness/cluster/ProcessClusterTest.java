package io.faultline.harness.cluster;

/** The cluster contract on local processes: no Docker needed. */
class ProcessClusterTest extends ClusterContract {
    @Override
    ClusterRuntime runtime() {
        return ClusterRuntime.PROCESSES;
    }
}
