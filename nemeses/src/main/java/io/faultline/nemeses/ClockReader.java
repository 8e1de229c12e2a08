package io.faultline.nemeses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads nodes' clocks as their programs see them ({@code date} inside the node, under the same libfaketime preload)
 * and compares each with the harness's clock at the middle of the round trip. The error is at most half the round
 * trip, which {@link #TOLERANCE_MILLIS} covers.
 */
class ClockReader {

    /** How far a read offset may be from the wanted one and still count as that offset. */
    static final long TOLERANCE_MILLIS = 400;

    /** Each node's offset from the harness's clock in milliseconds; null for a node whose clock could not be read. */
    Map<String, @Nullable Long> offsets(List<String> targets, NodeControl nodes) {
        List<@Nullable Long> read = PartitionNemesis.parallel(targets, node -> offset(node, nodes));
        Map<String, @Nullable Long> out = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            out.put(targets.get(i), read.get(i));
        }
        return out;
    }

    boolean near(@Nullable Long seen, long wanted) {
        return seen != null && Math.abs(seen - wanted) <= TOLERANCE_MILLIS;
    }

    private static @Nullable Long offset(String node, NodeControl nodes) {
        long before = System.currentTimeMillis();
        NodeControl.CommandResult result = nodes.exec(node, "date", "+%s%3N");
        long after = System.currentTimeMillis();
        if (!result.ok()) {
            return null;
        }
        for (String line : result.output().split("\\R")) {
            if (line.strip().matches("\\d{10,}")) {
                return Long.parseLong(line.strip()) - (before + after) / 2;
            }
        }
        return null;
    }
}
