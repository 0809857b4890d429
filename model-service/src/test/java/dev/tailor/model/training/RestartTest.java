package dev.tailor.model.training;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * What a previous run of the service left in its store, as the next run finds it: finished models, files and job
 * records are kept; a job that was running when the service died is failed with the reason.
 */
@QuarkusTest
@QuarkusTestResource(value = RestartTest.PreviousRun.class, restrictToAnnotatedClass = true)
class RestartTest {

    static final String RUNNING = "ftjob-wasrunning000000000001";
    static final String SUCCEEDED = "ftjob-hadsucceeded0000000001";
    static final String MODEL = "ft:smollm2-135m:earlier:" + SUCCEEDED;

    /** Writes the store of a service that was killed while it trained, before this run starts. */
    public static class PreviousRun implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                Path store = Files.createTempDirectory("model-store-restart");
                Path files = Files.createDirectories(store.resolve("files"));
                Files.writeString(files.resolve("file-earlier0001"), "{\"messages\": []}\n");
                Files.writeString(files.resolve("file-earlier0001.json"), """
                        {"id": "file-earlier0001", "object": "file", "bytes": 17, "created_at": 1790000000,
                         "filename": "train.jsonl", "purpose": "fine-tune", "status": "processed"}""");
                job(store, RUNNING, "running", null);
                job(store, SUCCEEDED, "succeeded", MODEL);
                Path output = Files.createDirectories(store.resolve("jobs").resolve(SUCCEEDED).resolve("output"));
                Files.writeString(output.resolve("adapter.gguf"), "an adapter");
                return Map.of("tailor.model.store", store.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static void job(Path store, String id, String status, String model) throws IOException {
            Path dir = Files.createDirectories(store.resolve("jobs").resolve(id));
            Files.writeString(dir.resolve("job.json"), """
                    {"id": "%s", "created_at": 1790000000,
                     "spec": {"model": "smollm2-135m", "training_file": "file-earlier0001", "validation_file": null,
                              "user_provided_suffix": "earlier", "hyperparameters": {"n_epochs": 3, "batch_size": 4,
                              "learning_rate_multiplier": 1.0}, "seed": 42},
                     "state": {"status": "%s", "finished_at": null, "fine_tuned_model": %s, "result_files": [],
                               "trained_tokens": 100, "estimated_finish": null, "error": null}}"""
                    .formatted(id, status, model == null ? "null" : "\"" + model + "\""));
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void aJobThatWasRunningWhenTheServiceDiedIsFailedWithTheReason() {
        given().get("/v1/fine_tuning/jobs/{id}", RUNNING).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error.code", equalTo("service_restarted"))
                .body("error.message", containsString("stopped while this job was running"));
    }

    @Test
    void finishedModelsJobsAndFilesAreStillThere() {
        given().get("/v1/fine_tuning/jobs/{id}", SUCCEEDED).then().statusCode(200)
                .body("status", equalTo("succeeded")).body("fine_tuned_model", equalTo(MODEL));
        given().get("/v1/models").then().statusCode(200).body("data.id", hasItem(MODEL));
        given().get("/v1/files").then().statusCode(200).body("data.id", hasItem("file-earlier0001"));
        given().get("/v1/files/file-earlier0001/content").then().statusCode(200).body(containsString("messages"));
    }
}
