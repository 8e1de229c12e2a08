package io.faultline.harness.cluster;

/** What a command run on a node printed and how it exited. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
