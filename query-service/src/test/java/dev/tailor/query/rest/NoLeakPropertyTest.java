package dev.tailor.query.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.ObjectIds;
import dev.tailor.contracts.Roles;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.query.support.SeededIndex;
import dev.tailor.testsupport.Tokens;
import dev.tailor.query.support.ExtractiveAnswers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever the documents, their role sets, the user and the question, no response carries a chunk the
 * user may not read. Random documents with random role sets (real and made-up roles), 1,000+ random queries by
 * the demo users through search and ask; EVERY returned chunk (ours and anyone else's in the shared index) is
 * checked against its allowedRoles in Weaviate.
 */
@QuarkusTest
@TestProfile(ExtractiveAnswers.class)
class NoLeakPropertyTest {

    static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "admin");
    static final List<String> WORDS = List.of("budget", "pager", "salary", "roadmap", "incident", "holiday",
            "laptop", "contract", "invoice", "hiring", "deploy", "audit", "travel", "security", "review");

    @Test
    void noQueryEverReturnsAChunkTheUserMayNotRead() throws Exception {
        long seed = Long.getLong("tailor.property.seed", System.nanoTime());
        Random random = new Random(seed);
        String marker = SeededIndex.uniqueWord("zp");
        List<String> roleUniverse = List.of("engineering", "finance", "hr", Roles.PUBLIC, Roles.ADMIN,
                "legal-" + marker, "sales-" + marker);

        List<SeededIndex.Doc> docs = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            List<String> roles = new ArrayList<>(new TreeSet<>(randomSubset(random, roleUniverse, 1 + random.nextInt(3))));
            String text = marker + " " + String.join(" ", randomSubset(random, WORDS, 6)) + ". "
                    + String.join(" ", randomSubset(random, WORDS, 5)) + ".";
            docs.add(new SeededIndex.Doc("ptest-" + marker + "-" + i, "Note " + i + " " + WORDS.get(random.nextInt(WORDS.size())),
                    text, roles));
        }
        SeededIndex.index(docs);
        try {
            checkQueries(random, marker, seed);
        } finally {
            SeededIndex.remove(docs);
        }
    }

    private void checkQueries(Random random, String marker, long seed) throws Exception {

        Map<String, Set<String>> userRoles = new HashMap<>();
        for (String user : USERS) {
            userRoles.put(user, rolesOf(Tokens.of(user)));
        }
        Map<String, List<String>> rolesByChunk = new HashMap<>();
        var chunks = SeededIndex.client().collections.use(WeaviateSchema.CHUNK);

        int checkedResults = 0;
        List<String> leaks = new ArrayList<>();
        Set<String> servedOurs = new TreeSet<>();
        for (int queries = 0; queries < 1_000; queries++) {
            String user = USERS.get(random.nextInt(USERS.size()));
            String question = (random.nextBoolean() ? marker + " " : "")
                    + String.join(" ", randomSubset(random, WORDS, 1 + random.nextInt(3)));
            int topK = 1 + random.nextInt(50);
            boolean ask = queries % 10 == 0;
            JsonPath body = given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                    .body(ask ? Map.of("question", question, "topK", topK) : Map.of("query", question, "topK", topK))
                    .post(ask ? "/api/v1/ask" : "/api/v1/search")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> results = body.getList(ask ? "citations" : "results");
            assertThat(results.size()).isLessThanOrEqualTo(topK);
            for (Map<String, Object> r : results) {
                String docId = (String) r.get("docId");
                int chunkIndex = ((Number) r.get("chunkIndex")).intValue();
                String uuid = ObjectIds.chunk(docId, chunkIndex).toString();
                List<String> allowed = rolesByChunk.computeIfAbsent(uuid, id -> allowedRoles(chunks, id));
                if (allowed == null) {
                    continue; // deleted by its owner meanwhile: cannot be checked, and is not ours
                }
                checkedResults++;
                if (docId.contains(marker)) {
                    servedOurs.add(user);
                }
                if (allowed.stream().noneMatch(userRoles.get(user)::contains)) {
                    leaks.add(user + " got " + docId + "#" + chunkIndex + " allowed to " + allowed + " for '" + question + "'");
                }
            }
        }

        // Every user may read some of the seeded documents (public is among their roles): the property held on
        // responses that carried them, not only on empty or foreign ones.
        assertThat(servedOurs).as("users served seeded documents (seed %d)", seed).containsExactlyInAnyOrderElementsOf(USERS);
        assertThat(checkedResults).as("results checked (seed %d)", seed).isGreaterThan(1_000);
        assertThat(leaks).as("leaks with seed %d", seed).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<String> allowedRoles(io.weaviate.client6.v1.api.collections.CollectionHandle<Map<String, Object>> chunks, String uuid) {
        Optional<io.weaviate.client6.v1.api.collections.WeaviateObject<Map<String, Object>>> o =
                (Optional<io.weaviate.client6.v1.api.collections.WeaviateObject<Map<String, Object>>>) (Object) chunks.query.fetchObjectById(uuid);
        if (o.isEmpty()) {
            return null;
        }
        Object roles = o.get().properties().get(Props.ALLOWED_ROLES);
        return roles instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
    }

    /** The user's roles as the token states them, plus public: the reference the service must obey. */
    @SuppressWarnings("unchecked")
    private static Set<String> rolesOf(String token) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        Map<String, Object> claims = new ObjectMapper().readValue(payload, Map.class);
        Set<String> roles = new TreeSet<>();
        roles.add(Roles.PUBLIC);
        Object realm = claims.get("realm_access");
        if (realm instanceof Map<?, ?> m && m.get("roles") instanceof List<?> l) {
            l.forEach(r -> roles.add(String.valueOf(r)));
        }
        return roles;
    }

    private static <T> List<T> randomSubset(Random random, List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }
}
