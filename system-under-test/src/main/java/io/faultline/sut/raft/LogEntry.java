package io.faultline.sut.raft;

/**
 * One entry of the replicated log. A {@link Kind#COMMAND}'s data is opaque to Raft (the key-value store encodes its
 * commands as JSON text); a {@link Kind#NOOP} is what a new leader appends to commit entries of earlier terms; a
 * {@link Kind#CONFIG} holds a {@link Configuration}, in force from the moment it is in a node's log.
 */
public record LogEntry(Term term, LogIndex index, Kind kind, String data) {

    /** What an entry is for. */
    public enum Kind {
        NOOP,
        COMMAND,
        CONFIG
    }

    public LogEntry {
        if (index.value() < 1) {
            throw new IllegalArgumentException("log entries start at index 1, got " + index);
        }
        if (data == null) {
            throw new IllegalArgumentException("a log entry needs data (empty for a no-op)");
        }
    }

    public static LogEntry command(Term term, LogIndex index, String command) {
        return new LogEntry(term, index, Kind.COMMAND, command);
    }

    public static LogEntry noop(Term term, LogIndex index) {
        return new LogEntry(term, index, Kind.NOOP, "");
    }

    public static LogEntry config(Term term, LogIndex index, Configuration configuration) {
        return new LogEntry(term, index, Kind.CONFIG, configuration.encode());
    }

    public boolean isCommand() {
        return kind == Kind.COMMAND;
    }

    /** The configuration a {@link Kind#CONFIG} entry holds. */
    public Configuration configuration() {
        if (kind != Kind.CONFIG) {
            throw new IllegalStateException("entry " + index + " is a " + kind + ", not a configuration");
        }
        return Configuration.decode(data);
    }
}
