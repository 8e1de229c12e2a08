package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cluster.ClusterRuntime;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {

    @Test
    void on_local_processes_partitions_are_listed_as_unavailable_with_the_reason() {
        DoctorCommand.Finding finding = DoctorCommand.nemeses(ClusterRuntime.PROCESSES, false, false, false);

        assertThat(finding.ok()).isFalse();
        assertThat(finding.detail())
                .startsWith("none, kill")
                .contains("link-partition", "latency")
                .contains("not here: partition, partition-one");
        assertThat(finding.render()).contains("fix: partitions and packet loss need the containers runtime");
    }

    @Test
    void on_containers_with_iptables_libfaketime_and_netem_every_nemesis_including_the_link_faults_is_available() {
        DoctorCommand.Finding finding = DoctorCommand.nemeses(ClusterRuntime.CONTAINERS, true, true, true);

        assertThat(finding.ok()).isTrue();
        assertThat(finding.detail())
                .contains("partition-ring", "packet-loss", "clock-strobe", "netem")
                .contains("link-partition", "link-one-way", "latency", "slow-network", "reset-peer", "slicer")
                .doesNotContain("not here");
    }

    @Test
    void on_containers_without_libfaketime_only_the_clock_faults_are_unavailable() {
        DoctorCommand.Finding finding = DoctorCommand.nemeses(ClusterRuntime.CONTAINERS, true, false, true);

        assertThat(finding.ok()).isFalse();
        assertThat(finding.detail())
                .contains("packet-loss", "link-partition", "latency")
                .endsWith("not here: clock-bump, clock-strobe, skew-isolate-primary");
    }

    @Test
    void on_containers_on_a_kernel_without_netem_only_the_netem_package_is_unavailable() {
        DoctorCommand.Finding finding = DoctorCommand.nemeses(ClusterRuntime.CONTAINERS, true, true, false);

        assertThat(finding.ok()).isFalse();
        assertThat(finding.detail()).contains("packet-loss", "clock-bump").endsWith("not here: netem");
        assertThat(finding.render()).contains("netem needs a host kernel with sch_netem");
    }

    @Test
    void without_a_grafana_image_the_grafana_line_says_prometheus_runs_alone_and_how_to_get_grafana() {
        DoctorCommand.Finding finding = DoctorCommand.monitoringImages(true, false);

        assertThat(finding.ok()).isFalse();
        assertThat(finding.detail())
                .startsWith("faultline-prometheus:")
                .contains("grafana/grafana:12.4.1 not present (--grafana runs Prometheus alone");
        assertThat(finding.render()).contains("fix: docker pull grafana/grafana:12.4.1 where a registry is reachable");
    }
}
