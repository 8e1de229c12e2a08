package io.faultline.harness.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Starts every node of a new cluster at once; on any failure closes the cluster and rethrows. */
final class Starter {

    private Starter() {}

    static <C extends Cluster> C startAll(C cluster) {
        try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> started = new ArrayList<>();
            for (Node node : cluster.nodes()) {
                started.add(starter.submit(node::start));
            }
            for (Future<?> f : started) {
                f.get();
            }
            return cluster;
        } catch (InterruptedException | ExecutionException | RuntimeException e) {
            cluster.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw cause instanceof RuntimeException re
                    ? re
                    : new NodeStartException("could not start the cluster: " + cause);
        }
    }
}
