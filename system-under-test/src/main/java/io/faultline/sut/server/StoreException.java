package io.faultline.sut.server;

import io.faultline.sut.node.NodeId;
import java.util.Optional;

/**
 * Why a client request did not succeed, and whether it definitely did not take effect ({@code definite}: the
 * harness records {@code fail}) or may have ({@code info}).
 */
public abstract sealed class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean definite;

    StoreException(String message, boolean definite) {
        super(message);
        this.definite = definite;
    }

    /** The short error code clients switch on. */
    public abstract String code();

    public boolean definite() {
        return definite;
    }

    /** This node is not the leader: nothing was done; retry at the leader, if one is known. */
    public static final class NotLeader extends StoreException {
        private static final long serialVersionUID = 1L;
        private final transient Optional<NodeId> leader;

        public NotLeader(String message, Optional<NodeId> leader) {
            super(message, true);
            this.leader = leader;
        }

        public Optional<NodeId> leader() {
            return leader;
        }

        @Override
        public String code() {
            return "not-leader";
        }
    }

    /** No answer in time: a write may still be committed later; a read had no effect. */
    public static final class Timeout extends StoreException {
        private static final long serialVersionUID = 1L;

        public Timeout(String message, boolean definite) {
            super(message, definite);
        }

        @Override
        public String code() {
            return "timeout";
        }
    }

    /** The write's log entry was replaced by another leader's entry: it can never be committed. */
    public static final class Superseded extends StoreException {
        private static final long serialVersionUID = 1L;

        public Superseded(String message) {
            super(message, true);
        }

        @Override
        public String code() {
            return "superseded";
        }
    }

    /** The node lost leadership while confirming a read, which therefore was not served. */
    public static final class LeadershipLost extends StoreException {
        private static final long serialVersionUID = 1L;
        private final transient Optional<NodeId> leader;

        public LeadershipLost(String message, Optional<NodeId> leader) {
            super(message, true);
            this.leader = leader;
        }

        public Optional<NodeId> leader() {
            return leader;
        }

        @Override
        public String code() {
            return "leadership-lost";
        }
    }

    /** The membership change breaks a rule (one change at a time, one member per change): nothing changed. */
    public static final class MembershipChangeRejected extends StoreException {
        private static final long serialVersionUID = 1L;

        public MembershipChangeRejected(String message) {
            super(message, true);
        }

        @Override
        public String code() {
            return "membership-change-rejected";
        }
    }

    /** The engine does not serve this operation (a cas on a leaderless store): nothing was done. */
    public static final class Unsupported extends StoreException {
        private static final long serialVersionUID = 1L;

        public Unsupported(String message) {
            super(message, true);
        }

        @Override
        public String code() {
            return "unsupported";
        }
    }

    /** The node is stopping, or its disk failed: a write in flight may or may not have been committed. */
    public static final class Unavailable extends StoreException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, boolean definite) {
            super(message, definite);
        }

        @Override
        public String code() {
            return "unavailable";
        }
    }
}
