package org.gradus.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The schema check accepts what Gradescope accepts and names each problem it finds. */
class ResultsSchemaTest {
    private static final String TEST = "{\"name\": \"Step 1.1: x squared\", \"number\": \"1.1\", \"score\": 1,"
            + " \"max_score\": 2, \"status\": \"failed\", \"output\": \"expected 4\", \"visibility\": \"visible\","
            + " \"tags\": [\"lab1\"]}";
    private static final String VALID = "{\"score\": 1, \"max_score\": 2, \"execution_time\": 0.5, \"output\": \"\","
            + " \"visibility\": \"visible\", \"stdout_visibility\": \"hidden\", \"tests\": [" + TEST + "]}";

    @Test
    void acceptsAWellFormedDocument() {
        assertThat(ResultsSchema.problems(VALID)).isEmpty();
    }

    @Test
    void acceptsTheCompilationFailureReport() {
        String json = SubmissionFailureReport.compilationFailure(java.util.List.of("[ERROR] x.java:[1,1] oops"));
        assertThat(ResultsSchema.problems(json)).isEmpty();
    }

    @Test
    void namesEachProblem() {
        assertThat(ResultsSchema.problems(VALID.replace("\"max_score\": 2", "\"max_score\": 0.5")))
                .contains("tests[0].score 1.0 is above its max_score 0.5");
        assertThat(ResultsSchema.problems(VALID.replace("\"failed\"", "\"PASSED\"")))
                .anyMatch(p -> p.startsWith("tests[0].status must be one of"));
        assertThat(ResultsSchema.problems(VALID.replace("\"visibility\": \"visible\",", "\"visibility\": \"public\",")))
                .anyMatch(p -> p.startsWith("the document.visibility must be one of"));
        assertThat(ResultsSchema.problems(VALID.replace("\"score\": 1,", "\"score\": \"1\",")))
                .anyMatch(p -> p.startsWith("the document.score must be a number"));
        assertThat(ResultsSchema.problems(VALID.replace("{\"score\": 1,", "{\"score\": 2,")))
                .contains("score 2.0 is not the sum of the tests' scores, 1.0");
        assertThat(ResultsSchema.problems(VALID.replace("\"tags\": [\"lab1\"]", "\"tags\": [1]")))
                .contains("tests[0].tags must be an array of strings");
        assertThat(ResultsSchema.problems(VALID.replace(" \"number\": \"1.1\",", "")))
                .contains("tests[0] lacks \"number\"");
        assertThat(ResultsSchema.problems(VALID.replace("\"failed\"", "\"passed\"")))
                .contains("tests[0] passed but scored 1.0 of 2.0");
        assertThat(ResultsSchema.problems(VALID.replace("\"score\": 1,", "\"score\": -1,")))
                .anyMatch(p -> p.startsWith("the document.score must be a number of at least 0"));
    }

    @Test
    void rejectsBrokenJson() {
        assertThat(ResultsSchema.problems(VALID.substring(0, VALID.length() - 1)))
                .singleElement().asString().startsWith("invalid JSON");
        assertThat(ResultsSchema.problems("[]")).containsExactly("the document must be a JSON object");
    }
}
