package com.claribi.bench;

import java.io.IOException;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/** --profile: the top frames of a JFR recording's execution samples, as lines "count share% frame". */
final class Profile {

    private Profile() {}

    static List<String> topFrames(Path recording, int limit) {
        Map<String, Integer> top = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || event.getStackTrace() == null
                        || event.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame frame = event.getStackTrace().getFrames().get(0);
                top.merge(name(frame.getMethod()), 1, Integer::sum);
                samples++;
            }
        } catch (IOException e) {
            return List.of("(no profile: " + e.getMessage() + ")");
        }
        int all = Math.max(1, samples);
        return top.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .map(e -> BenchRun.format("%6d %5.1f%%  %s", e.getValue(), 100.0 * e.getValue() / all, e.getKey()))
                .toList();
    }

    private static String name(RecordedMethod method) {
        String parameters;
        try {
            parameters = MethodTypeDesc.ofDescriptor(method.getDescriptor()).parameterList().stream()
                    .map(ClassDesc::displayName)
                    .collect(Collectors.joining(", "));
        } catch (IllegalArgumentException e) {
            parameters = "?";
        }
        return method.getType().getName() + "." + method.getName() + "(" + parameters + ")";
    }
}
