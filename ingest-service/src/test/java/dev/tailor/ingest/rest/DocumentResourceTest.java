package dev.tailor.ingest.rest;

import dev.tailor.ingest.index.DocumentIndex;
import dev.tailor.testsupport.DocumentChanges;
import dev.tailor.testsupport.TopicWriter;
import dev.tailor.ingest.support.ConsumerWarmup;
import dev.tailor.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** {@code GET /api/v1/documents/{docId}}: what the index holds for a document, for administrators only. */
@QuarkusTest
class DocumentResourceTest {

    @Inject
    DocumentIndex index;

    @Test
    void anAdministratorSeesTheIndexedVersionChunkCountAndRoles() throws Exception {
        String docId = DocumentChanges.newDocId("rest");
        try (TopicWriter topic = new TopicWriter()) {
            ConsumerWarmup.await(topic, index);
            topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 4, "REST test", "One.\n\n# Two\n\nTwo.", "finance")));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> index.document(docId).isPresent());

        given().auth().oauth2(Tokens.of("admin"))
                .get("/api/v1/documents/{docId}", docId)
                .then().statusCode(200)
                .body("docId", equalTo(docId))
                .body("version", equalTo(4))
                .body("chunkCount", equalTo(2))
                .body("allowedRoles", contains("finance"))
                .body("deleted", equalTo(false))
                .body("title", equalTo("REST test"));
    }

    @Test
    void anUnknownDocumentIsA404WithProblemDetails() {
        given().auth().oauth2(Tokens.of("admin"))
                .get("/api/v1/documents/{docId}", "never-indexed-document")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not Found"))
                .body("detail", containsString("never-indexed-document"));
    }

    @Test
    void theOpenApiDocumentDescribesErrorsAsProblemDetails() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("components.schemas.Problem.properties.detail.type", equalTo("string"))
                .body("paths.'/api/v1/documents/{docId}'.get.responses.'404'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"));
    }

    @Test
    void otherUsersAreForbiddenAndAnonymousCallersUnauthorized() {
        given().auth().oauth2(Tokens.of("alice")).get("/api/v1/documents/x").then().statusCode(403);
        given().get("/api/v1/documents/x").then().statusCode(401);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", org.hamcrest.Matchers.hasItem("Weaviate"));
        given().get("/q/metrics").then().statusCode(200);
    }
}
