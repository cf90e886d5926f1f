package com.claribi.bench;

/** A step of the bench failed: bench/run prints the message (and what it names) and exits with 1. */
final class BenchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BenchException(String message) {
        super(message);
    }
}
