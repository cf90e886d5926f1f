package com.claribi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A body read by a controller is refused only when the service asks for its value, with every problem in order. */
class SubmittedUnitTests {

    private static final BodyFields BODY =
            new BodyFields(List.of("name", "dashboard", "schedule"), Set.of("id", "created_at"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Input(
            @Nullable String name,
            @Nullable Long dashboard,
            @Nullable String schedule) {}

    @Test
    void readWhenBodyNotAnObjectThenRefusedOnlyWhenValueAsked() {
        Submitted<Input> submitted = BODY.read(JSON.readTree("[1]"), Reader::read);

        assertThatThrownBy(submitted::value)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("bad_request"));
    }

    @Test
    void valueWhenProblemsThenOneValidationErrorUnknownFieldsFirstThenWritableOrder() {
        Submitted<Input> submitted = BODY.read(
                JSON.readTree("{\"colour\": 1, \"schedule\": 5, \"name\": \"\", \"dashboard\": 7, \"id\": 3}"),
                Reader::read);

        assertThatThrownBy(() -> submitted.value((input, problems) -> problems.add("dashboard", "No dashboard.")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("validation_error");
                    assertThat(e.detail())
                            .isEqualTo("colour: Unknown field.; name: This field may not be blank.; dashboard: No"
                                    + " dashboard.; schedule: Must be daily.");
                });
    }

    @Test
    void valueWhenNoProblemsThenTheReadValue() {
        Submitted<Input> submitted =
                BODY.read(JSON.readTree("{\"name\": \" Sales \", \"schedule\": \"daily\", \"id\": 3}"), Reader::read);

        assertThat(submitted.value((input, problems) -> {})).isEqualTo(new Input("Sales", null, "daily"));
    }

    private static final class Reader {

        static Input read(JsonBody fields) {
            return new Input(
                    fields.requiredText("name", 10),
                    fields.idOrNull("dashboard"),
                    fields.choiceOrNull("schedule", Set.of("daily"), "daily"));
        }
    }
}
