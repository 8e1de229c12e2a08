package io.faultline.proxy.internal;

import io.faultline.proxy.Toxic;
import io.faultline.proxy.ToxicSpec;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One toxic in effect on one link (one direction of one connection): whether its toxicity roll made it apply, its
 * per-connection state, and what it does to each chunk. Chunks pass through it one at a time on the link's worker.
 */
final class ActiveToxic {

    /** Where a toxic hands its output: the rest of the chain. */
    @FunctionalInterface
    interface Next {
        void accept(Chunk chunk) throws IOException, InterruptedException;
    }

    private final ToxicSpec spec;
    private final boolean applies;
    private final Link link;
    private volatile boolean retired;
    /** Bytes let through so far (limit_data); carried over when the toxic is updated (read by the API thread). */
    private volatile long transferred;
    /** When the bandwidth pipe is next free (bandwidth); carried over likewise. */
    private volatile long nextFreeNanos;

    private ScheduledFuture<?> timer;

    private ActiveToxic(ToxicSpec spec, boolean applies, Link link) {
        this.spec = spec;
        this.applies = applies;
        this.link = link;
    }

    /** Puts {@code spec} into effect on {@code link}, rolling its toxicity; {@code previous} is the version it updates. */
    static ActiveToxic start(ToxicSpec spec, Link link, ActiveToxic previous) {
        boolean applies = spec.toxicity() >= 1 || ThreadLocalRandom.current().nextDouble() < spec.toxicity();
        ActiveToxic active = new ActiveToxic(spec, applies, link);
        if (previous != null) {
            active.transferred = previous.transferred;
            active.nextFreeNanos = previous.nextFreeNanos;
        }
        if (applies && spec.toxic() instanceof Toxic.Timeout t && t.timeoutMs() > 0) {
            active.timer = link.connection()
                    .timers()
                    .schedule(
                            () -> {
                                if (!active.retired) {
                                    link.connection().terminate();
                                }
                            },
                            t.timeoutMs(),
                            TimeUnit.MILLISECONDS);
        }
        return active;
    }

    ToxicSpec spec() {
        return spec;
    }

    /** Whether it acts on this connection: false when the toxicity roll said no, or once it was removed. */
    boolean inEffect() {
        return applies && !retired;
    }

    boolean retired() {
        return retired;
    }

    /** Takes it out of effect (removed or replaced): any wait it is in ends and data passes through untouched. */
    void retire() {
        retired = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Applies the toxic to one chunk, handing what comes out to {@code next}. */
    void apply(Chunk chunk, Next next) throws IOException, InterruptedException {
        switch (spec.toxic()) {
            case Toxic.Latency l -> {
                if (!chunk.endOfStream()) {
                    long jitter = l.jitterMs() == 0
                            ? 0
                            : ThreadLocalRandom.current().nextLong(-l.jitterMs(), l.jitterMs() + 1);
                    long delayMs = Math.max(0, l.latencyMs() + jitter);
                    link.awaitUntil(chunk.arrivalNanos() + TimeUnit.MILLISECONDS.toNanos(delayMs), this);
                }
                next.accept(chunk);
            }
            case Toxic.Bandwidth b -> throttle(chunk, b.rateKbPerSecond(), next);
            case Toxic.SlowClose s -> {
                if (chunk.endOfStream()) {
                    link.awaitUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(s.delayMs()), this);
                }
                next.accept(chunk);
            }
            case Toxic.Timeout t -> {
                if (link.awaitRetired(this)) {
                    next.accept(chunk);
                }
            }
            case Toxic.ResetPeer r -> {
                if (link.awaitUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(r.timeoutMs()), this)) {
                    link.connection().reset();
                } else if (!link.connection().isClosed()) {
                    next.accept(chunk);
                }
            }
            case Toxic.Slicer s -> slice(chunk, s, next);
            case Toxic.LimitData d -> limit(chunk, d.bytes(), next);
        }
    }

    private void throttle(Chunk chunk, long rateKbPerSecond, Next next) throws IOException, InterruptedException {
        if (chunk.endOfStream() || rateKbPerSecond <= 0) {
            next.accept(chunk);
            return;
        }
        // Pieces of at most a tenth of a second's worth, so slow rates trickle instead of stalling.
        int piece = (int) Math.min(Integer.MAX_VALUE, Math.max(1, rateKbPerSecond * 100));
        for (int from = 0; from < chunk.length(); from += piece) {
            int to = Math.min(chunk.length(), from + piece);
            if (retired) {
                next.accept(chunk.slice(from, chunk.length()));
                return;
            }
            long release = Math.max(System.nanoTime(), nextFreeNanos) + (to - from) * 1_000_000L / rateKbPerSecond;
            nextFreeNanos = release;
            link.awaitUntil(release, this);
            next.accept(chunk.slice(from, to));
        }
    }

    private void slice(Chunk chunk, Toxic.Slicer s, Next next) throws IOException, InterruptedException {
        if (chunk.endOfStream()) {
            next.accept(chunk);
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = 0;
        while (from < chunk.length()) {
            if (retired) {
                next.accept(chunk.slice(from, chunk.length()));
                return;
            }
            long size = s.averageSize()
                    + (s.sizeVariation() == 0 ? 0 : random.nextLong(-s.sizeVariation(), s.sizeVariation() + 1));
            int to = (int) Math.min(chunk.length(), from + Math.max(1, size));
            next.accept(chunk.slice(from, to));
            from = to;
            if (from < chunk.length()) {
                link.awaitUntil(System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(s.delayMicros()), this);
            }
        }
    }

    private void limit(Chunk chunk, long bytes, Next next) throws IOException, InterruptedException {
        if (chunk.endOfStream()) {
            next.accept(chunk);
            return;
        }
        long remaining = bytes - transferred;
        if (remaining > 0) {
            int passed = (int) Math.min(remaining, chunk.length());
            transferred += passed;
            next.accept(passed == chunk.length() ? chunk : chunk.slice(0, passed));
        }
        if (transferred >= bytes) {
            link.connection().terminate();
        }
    }
}
