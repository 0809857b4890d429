package dev.tailor.query.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One document per access rule, each with a word of its own and all sharing the run's marker word, so a search
 * for the marker finds all of them and the per-document words show what reached a response or a prompt.
 * Registered as an extension ({@code @RegisterExtension static final DemoCorpus CORPUS}), it indexes its documents
 * before the class's tests and removes them after.
 */
public final class DemoCorpus implements BeforeAllCallback, AfterAllCallback {

    public final String marker = SeededIndex.uniqueWord("zq");
    public final String run = marker.substring(2);
    public final List<SeededIndex.Doc> docs = List.of(
            doc("eng", "engineering"),
            doc("fin", "finance"),
            doc("hr", "hr"),
            doc("pub", "public"),
            doc("adm", "tailor-admin"),
            doc("engfin", "engineering", "finance"));

    /** What each demo user may read, by the realm's role assignments (everyone also holds public). */
    public static final Map<String, Set<String>> READABLE = Map.of(
            "alice", Set.of("eng", "pub", "engfin"),
            "bob", Set.of("fin", "pub", "engfin"),
            "carol", Set.of("hr", "pub"),
            "dave", Set.of("pub"),
            "admin", Set.of("adm", "pub"));

    private SeededIndex.Doc doc(String name, String... roles) {
        return new SeededIndex.Doc(docId(name), "Handbook " + name,
                "The " + marker + " policy applies. Only readers of " + String.join(" and ", roles)
                        + " know the secret word " + secretWord(name) + ". Reviews happen every quarter.",
                List.of(roles));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        SeededIndex.index(docs);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SeededIndex.remove(docs);
    }

    public String docId(String name) {
        return "qtest-" + run + "-" + name;
    }

    /** A word that appears in exactly one document of this run. */
    public String secretWord(String name) {
        return "secret" + name + run;
    }

    /** Short names (eng, fin...) of the docIds of this run among {@code docIds}. */
    public Set<String> ours(List<String> docIds) {
        String prefix = "qtest-" + run + "-";
        return docIds.stream().filter(id -> id.startsWith(prefix)).map(id -> id.substring(prefix.length()))
                .collect(Collectors.toSet());
    }

    public List<String> names() {
        return docs.stream().map(d -> d.docId().substring(("qtest-" + run + "-").length())).toList();
    }
}
