package io.faultline.sut.net;

import io.faultline.sut.node.NodeId;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One engine's peer messages over plain TCP, encoded by its {@link WireCodec} and framed as {@code [int length][message]}. Each peer gets one outbound connection
 * to the address configured for it (possibly a proxy) with its own bounded queue and sender thread, so a slow or
 * paused peer never holds up the others: when its queue is full, messages to it are dropped (every engine retries).
 * Inbound connections are read by one thread each and their messages handed to the node.
 *
 * <p>The threads are platform threads: a node has a handful of peers, and a blocking read or write on a platform
 * thread is one system call, where a virtual thread parks, registers with the poller and is rescheduled by
 * another thread for every message (measured: a visible share of a leader's CPU under many writers).
 */
public final class PeerTransport<M> implements AutoCloseable {

    private static final int MAX_FRAME = 64 << 20;
    private static final int QUEUE = 1024;

    private final ServerSocket listener;
    private final WireCodec<M> codec;
    private final Consumer<M> inbox;
    private final Map<NodeId, Link> links = new ConcurrentHashMap<>();
    private final List<Socket> inbound = new CopyOnWriteArrayList<>();
    private final Consumer<String> log;
    private volatile boolean closed;

    /** A known, observable event about a link, for logs and metrics. */
    private final Map<NodeId, Long> dropped = new ConcurrentHashMap<>();

    public PeerTransport(
            int port, Map<NodeId, InetSocketAddress> peers, WireCodec<M> codec, Consumer<M> inbox, Consumer<String> log)
            throws IOException {
        this.codec = codec;
        this.inbox = inbox;
        this.log = log;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(port));
        for (Map.Entry<NodeId, InetSocketAddress> peer : peers.entrySet()) {
            ensureLink(peer.getKey(), peer.getValue());
        }
        Thread.ofPlatform().daemon().name("peer-accept").start(this::accept);
    }

    /** Starts sending to {@code peer} at {@code address}, unless a link to it exists already. */
    public void ensureLink(NodeId peer, InetSocketAddress address) {
        links.computeIfAbsent(peer, id -> {
            Link link = new Link(id, address);
            Thread.ofPlatform().daemon().name("peer-send-" + id).start(link::run);
            return link;
        });
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Queues a message for its peer; drops it if the peer's queue is full or the peer is unknown. */
    public void send(M message) {
        NodeId to = codec.to(message);
        Link link = links.get(to);
        if (link == null || !link.queue.offer(message)) {
            dropped.merge(to, 1L, Long::sum);
        }
    }

    public Map<NodeId, Long> droppedCounts() {
        return Map.copyOf(dropped);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                inbound.add(socket);
                Thread.ofPlatform().daemon().name("peer-read").start(() -> read(socket));
            } catch (IOException e) {
                if (!closed) {
                    log.accept("peer accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void read(Socket socket) {
        try (socket;
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16))) {
            while (!closed) {
                int length = in.readInt();
                if (length <= 0 || length > MAX_FRAME) {
                    log.accept("peer " + socket.getRemoteSocketAddress() + " sent a frame of " + length
                            + " bytes: closing the connection");
                    return;
                }
                inbox.accept(codec.decode(in.readNBytes(length)));
            }
        } catch (EOFException e) {
            // The peer (or a probe) closed the connection.
        } catch (IOException | WireCodec.MalformedFrameException e) {
            if (!closed) {
                log.accept("peer connection from " + socket.getRemoteSocketAddress() + " failed: " + e.getMessage());
            }
        } finally {
            inbound.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Link link : links.values()) {
            link.close();
        }
        for (Socket s : inbound) {
            s.close();
        }
    }

    /** The outbound side of one peer. */
    private final class Link {
        private final NodeId peer;
        private final InetSocketAddress address;
        private final BlockingQueue<M> queue = new ArrayBlockingQueue<>(QUEUE);
        private volatile Socket socket;
        private boolean wasConnected;

        Link(NodeId peer, InetSocketAddress address) {
            this.peer = peer;
            this.address = address;
        }

        void run() {
            List<M> batch = new ArrayList<>();
            while (!closed) {
                try {
                    M first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, 255);
                    DataOutputStream out = connection();
                    for (M m : batch) {
                        byte[] frame = codec.encode(m);
                        out.writeInt(frame.length);
                        out.write(frame);
                    }
                    out.flush();
                } catch (IOException e) {
                    disconnect(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    batch.clear();
                }
            }
        }

        private DataOutputStream out;

        private DataOutputStream connection() throws IOException {
            if (socket == null) {
                Socket s = new Socket();
                try {
                    // Resolved afresh on every attempt: a container's name may come and go with the container.
                    s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), 500);
                    s.setTcpNoDelay(true);
                    s.setSoTimeout(0);
                } catch (IOException e) {
                    s.close();
                    throw e;
                }
                socket = s;
                out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16));
                if (!wasConnected) {
                    log.accept(
                            "connected to peer " + peer + " at " + address.getHostString() + ":" + address.getPort());
                    wasConnected = true;
                }
            }
            return out;
        }

        private void disconnect(IOException cause) {
            if (wasConnected) {
                log.accept("lost peer " + peer + " at " + address.getHostString() + ":" + address.getPort() + ": "
                        + cause.getMessage());
                wasConnected = false;
            }
            close();
            queue.clear();
        }

        void close() {
            Socket s = socket;
            socket = null;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // already broken
                }
            }
        }
    }
}
