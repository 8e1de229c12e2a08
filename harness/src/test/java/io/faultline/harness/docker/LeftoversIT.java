package io.faultline.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.faultline.harness.images.ImageBuilder;
import io.faultline.harness.images.NodeImage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@RequiresDocker
class LeftoversIT {

    @Test
    void containers_and_networks_of_a_dead_run_are_removed_and_ours_are_kept() {
        DockerClient docker = Docker.client();
        NodeImage image = NodeImage.defaultImage();
        new ImageBuilder(line -> {}).ensure(image);
        Map<String, String> dead = new HashMap<>(Leftovers.labels("dead-run"));
        dead.put(Leftovers.OWNER, Leftovers.hostname() + ":" + Integer.MAX_VALUE);
        String orphan = docker.createContainerCmd(image.tag())
                .withLabels(dead)
                .withEntrypoint("sleep", "60")
                .exec()
                .getId();
        String orphanNetwork = docker.createNetworkCmd()
                .withName("faultline-leftover-test")
                .withLabels(dead)
                .exec()
                .getId();
        String ours = docker.createContainerCmd(image.tag())
                .withLabels(Leftovers.labels("live-run"))
                .withEntrypoint("sleep", "60")
                .exec()
                .getId();
        try {
            Leftovers.removeOrphans(docker);

            assertThat(exists(docker, orphan)).as("the dead run's container").isFalse();
            assertThat(docker.listNetworksCmd().withIdFilter(orphanNetwork).exec())
                    .as("the dead run's network")
                    .isEmpty();
            assertThat(exists(docker, ours)).as("this JVM's container").isTrue();
        } finally {
            docker.removeContainerCmd(ours).withForce(true).exec();
        }
    }

    private static boolean exists(DockerClient docker, String id) {
        try {
            docker.inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
