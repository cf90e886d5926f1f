package com.claribi.platform.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints {@link PermissionsTooOpen} as the reason the server did not start and the command that fixes it. */
final class PermissionsTooOpenFailureAnalyzer extends AbstractFailureAnalyzer<PermissionsTooOpen> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PermissionsTooOpen cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
