package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.cluster.ProxyImage;
import io.faultline.harness.cluster.ToxiproxyLookalike;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.Leftovers;
import io.faultline.harness.docker.RequiresDocker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The link-fault contract on containers with {@code --toxiproxy-image}: the proxy runs a Toxiproxy image with its own
 * entrypoint and command. Shopify's image cannot be pulled here, so this runs a {@link ToxiproxyLookalike look-alike}
 * (Toxiproxy's flags and default command, no Perl); the probes run from the prober container, so they do not care.
 */
@RequiresDocker
class LookalikeToxiproxyLinkFaultsIT extends LinkFaultsContract {

    private static final String IMAGE = ToxiproxyLookalike.ensure();

    @Override
    ClusterRuntime runtime() {
        return ClusterRuntime.CONTAINERS;
    }

    @Override
    ProxyImage proxyImage() {
        return new ProxyImage.Toxiproxy(IMAGE);
    }

    @Test
    void the_proxy_container_runs_the_named_image_with_its_own_entrypoint_and_command() {
        List<Container> proxies = Docker.client()
                .listContainersCmd()
                .withAncestorFilter(List.of(IMAGE))
                .withLabelFilter(Map.of(Leftovers.OWNER, Leftovers.labels("any").get(Leftovers.OWNER)))
                .exec();
        assertThat(proxies)
                .as("one proxy container of %s started by this JVM", IMAGE)
                .hasSize(1);

        InspectContainerResponse proxy =
                Docker.client().inspectContainerCmd(proxies.get(0).getId()).exec();

        assertThat(proxy.getConfig().getImage()).isEqualTo(IMAGE);
        assertThat(proxy.getPath()).as("the image's entrypoint").isEqualTo("/toxiproxy");
        assertThat(proxy.getArgs()).as("the image's command").containsExactly("-host=0.0.0.0");
    }
}
