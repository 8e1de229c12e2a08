package io.faultline.proxy.internal;

import io.faultline.proxy.Stream;
import io.faultline.proxy.ToxicSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of a proxied connection: a reader that takes bytes from one socket and, while no toxic is in effect,
 * writes them straight to the other; otherwise it queues them for a worker that runs them through the toxic chain
 * in order. Chain changes reach links that are already running: a removed toxic stops waiting and lets its data
 * through, an added one acts on the next chunk.
 */
final class Link {

    private static final int BUFFER_BYTES = 32 * 1024;
    /** Chunks queued ahead of the toxics before the reader stops reading (and TCP pushes back). */
    private static final int QUEUE_CHUNKS = 256;

    private final Connection connection;
    private final Stream stream;
    private final Socket from;
    private final Socket to;
    private final ProxyMetrics.Direction counters;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    /** Chunks handed to the worker and not yet through the chain; the reader bypasses it only at 0. */
    private final AtomicInteger pending = new AtomicInteger();

    private volatile List<ActiveToxic> chain = List.of();
    private volatile boolean anyInEffect;
    private Thread reader;
    private Thread worker;

    Link(Connection connection, Stream stream, Socket from, Socket to, ProxyMetrics.Direction counters) {
        this.connection = connection;
        this.stream = stream;
        this.from = from;
        this.to = to;
        this.counters = counters;
    }

    Connection connection() {
        return connection;
    }

    Stream stream() {
        return stream;
    }

    /**
     * Starts the reader on a platform thread (a blocking read wakes it directly: measured about half the added
     * latency of a virtual thread, which waits for the JDK's poller) and the toxic worker on a virtual thread.
     */
    void start() {
        String name = "proxy-" + stream.wireName();
        reader = Thread.ofPlatform().daemon().name(name + "-reader").start(this::readLoop);
        worker = Thread.ofVirtual().name(name + "-toxics").start(this::workLoop);
    }

    void interrupt() {
        wake();
        if (reader != null) {
            reader.interrupt();
        }
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Makes the link's chain match {@code specs}: unchanged toxics keep their state, changed ones restart. */
    void sync(List<ToxicSpec> specs) {
        lock.lock();
        try {
            Map<String, ActiveToxic> old = new HashMap<>();
            for (ActiveToxic active : chain) {
                old.put(active.spec().name(), active);
            }
            List<ActiveToxic> next = new ArrayList<>(specs.size());
            for (ToxicSpec spec : specs) {
                ActiveToxic previous = old.remove(spec.name());
                if (previous != null && previous.spec().equals(spec)) {
                    next.add(previous);
                } else {
                    if (previous != null) {
                        previous.retire();
                    }
                    next.add(ActiveToxic.start(spec, this, previous));
                }
            }
            old.values().forEach(ActiveToxic::retire);
            chain = List.copyOf(next);
            anyInEffect = next.stream().anyMatch(ActiveToxic::inEffect);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every wait of this link, so it notices a closed connection. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code deadlineNanos}. Returns early, with false, when {@code toxic} is retired or the connection
     * closes; true when the full time passed.
     */
    boolean awaitUntil(long deadlineNanos, ActiveToxic toxic) throws InterruptedException {
        lock.lock();
        try {
            while (!toxic.retired() && !connection.isClosed()) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
                changed.awaitNanos(remaining);
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code toxic} is retired (true) or the connection closes (false). */
    boolean awaitRetired(ActiveToxic toxic) throws InterruptedException {
        lock.lock();
        try {
            while (!toxic.retired() && !connection.isClosed()) {
                changed.await();
            }
            return toxic.retired() && !connection.isClosed();
        } finally {
            lock.unlock();
        }
    }

    private void readLoop() {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = in.read(buffer);
                long now = System.nanoTime();
                if (n > 0) {
                    counters.received(n);
                }
                if (pending.get() == 0 && !anyInEffect) {
                    if (n < 0) {
                        endOutput();
                        return;
                    }
                    out.write(buffer, 0, n);
                    counters.sent(n);
                } else {
                    pending.incrementAndGet();
                    queue.put(n < 0 ? Chunk.end(now) : Chunk.of(Arrays.copyOf(buffer, n), now));
                    if (n < 0) {
                        return;
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            connection.terminate();
        }
    }

    private void workLoop() {
        try {
            while (true) {
                Chunk chunk = queue.take();
                try {
                    pass(chunk, chain, 0);
                } finally {
                    pending.decrementAndGet();
                }
                if (chunk.endOfStream()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            connection.terminate();
        }
    }

    private void pass(Chunk chunk, List<ActiveToxic> toxics, int index) throws IOException, InterruptedException {
        if (connection.isClosed()) {
            return;
        }
        if (index == toxics.size()) {
            deliver(chunk);
            return;
        }
        ActiveToxic toxic = toxics.get(index);
        if (!toxic.inEffect()) {
            pass(chunk, toxics, index + 1);
        } else {
            toxic.apply(chunk, next -> pass(next, toxics, index + 1));
        }
    }

    private void deliver(Chunk chunk) throws IOException {
        if (chunk.endOfStream()) {
            endOutput();
        } else {
            to.getOutputStream().write(chunk.data(), chunk.offset(), chunk.length());
            counters.sent(chunk.length());
        }
    }

    private void endOutput() {
        try {
            to.shutdownOutput();
        } catch (IOException e) {
            // The other side is already gone; the connection ends either way.
        }
        connection.outputEnded(this);
    }
}
