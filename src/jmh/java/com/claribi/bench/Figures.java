package com.claribi.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The figures the targets read: each a value and how the report shows it, or why it was not measured. */
final class Figures {

    record Figure(double value, String shown) {}

    private final Map<String, Figure> measured = new LinkedHashMap<>();
    private final Map<String, String> notMeasured = new LinkedHashMap<>();

    void put(String name, double value, String shown) {
        measured.put(name, new Figure(value, shown));
    }

    void notMeasured(String name, String why) {
        notMeasured.put(name, why);
    }

    Optional<Figure> get(String name) {
        return Optional.ofNullable(measured.get(name));
    }

    Optional<String> whyNot(String name) {
        return Optional.ofNullable(notMeasured.get(name));
    }

    /** A row of the targets table, or nothing for a figure this run does not concern (the peer's, without one). */
    Optional<String> row(Target target) {
        Figure figure = measured.get(target.figure());
        if (figure != null) {
            return Optional.of("| " + target.text() + " | " + figure.shown() + " | " + target.verdict(figure.value())
                    + " |");
        }
        String why = notMeasured.get(target.figure());
        return why == null ? Optional.empty() : Optional.of("| " + target.text() + " | " + why + " | |");
    }
}
