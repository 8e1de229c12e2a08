package io.faultline.sut.sim;

import java.util.PriorityQueue;

/**
 * A simulated clock and the actions due on it: actions run in time order, and actions due at one time in the order
 * they were scheduled, so that a simulation driven by one seeded random is deterministic event for event.
 */
public final class EventQueue {

    private record Event(long time, long order, Runnable action) {}

    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    private long order;
    private long now;

    /** The simulated time: that of the action running, or where the last {@link #drain} stopped. */
    public long now() {
        return now;
    }

    /** Runs {@code action} {@code delay} time units from now. */
    public void schedule(long delay, Runnable action) {
        queue.add(new Event(now + delay, order++, action));
    }

    /** Runs every action due up to {@code until} (including those they schedule), then sets the clock to it. */
    public void drain(long until) {
        while (!queue.isEmpty() && queue.peek().time <= until) {
            Event e = queue.poll();
            now = e.time;
            e.action.run();
        }
        now = until;
    }
}
