package io.faultline.workloads.generator;

import io.faultline.checkers.history.Op;

/** Something that happened to an op, fed back to generators by {@link Generator#update}: an invocation or a completion. */
public record Event(Worker worker, Op op) {}
