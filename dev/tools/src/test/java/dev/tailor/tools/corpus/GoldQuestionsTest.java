package dev.tailor.tools.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the gold question set ({@code dev/corpus/questions.jsonl}) honest against the corpus it is about: every fact
 * is where the question says, and a user who must be refused cannot find the fact in anything they may read.
 */
class GoldQuestionsTest {

    private static final Path ROOT = Path.of(System.getProperty("tailor.root", "../.."));
    private static final Path CORPUS = ROOT.resolve("dev/corpus");
    /** The realm's development part: the demo users live beside the base realm, not in it. */
    private static final Path DEMO_USERS = ROOT.resolve("dev/infra/keycloak/demo/tailor-users-0.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, CorpusDocument> documents;
    private static Map<String, String> normalisedTexts;
    private static Map<String, Set<String>> demoUsers;
    private static List<GoldQuestion> questions;

    record GoldQuestion(String id, String question, String fact, List<String> alternatives, String docId,
                        String group, List<String> readers, List<String> refuse) {
        GoldQuestion {
            alternatives = alternatives == null ? List.of() : alternatives;
        }

        List<String> spellings() {
            return Stream.concat(Stream.of(fact), alternatives.stream()).toList();
        }
    }

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            documents = files.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md"))
                    .map(CorpusDocument::read)
                    .collect(Collectors.toMap(CorpusDocument::docId, Function.identity(), (a, b) -> {
                        throw new IllegalStateException("docId twice in the corpus: " + a.docId());
                    }, TreeMap::new));
        }
        normalisedTexts = new TreeMap<>();
        documents.forEach((id, doc) -> normalisedTexts.put(id, FactText.normalise(doc.frontMatter().get("title") + "\n" + doc.body())));
        demoUsers = readDemoUsers();
        try (Stream<String> lines = Files.lines(CORPUS.resolve("questions.jsonl"))) {
            questions = lines.filter(line -> !line.isBlank()).map(GoldQuestionsTest::parse).toList();
        }
    }

    /** The realm's users without the admin role, with the {@code public} role every authenticated user holds. */
    private static Map<String, Set<String>> readDemoUsers() throws IOException {
        Map<String, Set<String>> users = new TreeMap<>();
        for (JsonNode user : JSON.readTree(DEMO_USERS.toFile()).path("users")) {
            Set<String> roles = new TreeSet<>();
            user.path("realmRoles").forEach(role -> roles.add(role.asText()));
            if (!roles.contains(Roles.ADMIN)) {
                roles.add(Roles.PUBLIC);
                users.put(user.path("username").asText(), roles);
            }
        }
        return users;
    }

    private static GoldQuestion parse(String line) {
        try {
            return JSON.readValue(line, GoldQuestion.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("questions.jsonl: not a question: " + line, e);
        }
    }

    @Test
    void thereAreEnoughQuestionsAndEachIsComplete() {
        assertThat(questions).hasSizeGreaterThanOrEqualTo(60);
        assertThat(questions).extracting(GoldQuestion::id).doesNotHaveDuplicates();
        assertThat(questions).allSatisfy(q -> {
            assertThat(q.id()).isNotBlank();
            assertThat(q.question()).isNotBlank();
            assertThat(q.fact()).isNotBlank();
        });
    }

    @Test
    void everyQuestionNamesAnExistingDocumentWithItsRolesAndGroup() {
        List<String> problems = new ArrayList<>();
        for (GoldQuestion q : questions) {
            CorpusDocument doc = documents.get(q.docId());
            if (doc == null) {
                problems.add(q.id() + ": no document " + q.docId());
                continue;
            }
            if (!new HashSet<>(q.readers()).equals(new HashSet<>(doc.allowedRoles()))) {
                problems.add(q.id() + ": readers " + q.readers() + " but " + q.docId() + " allows " + doc.allowedRoles());
            }
            if (!q.group().equals(group(doc))) {
                problems.add(q.id() + ": group " + q.group() + " but " + q.docId() + " is in " + group(doc));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyFactIsInTheDocumentItComesFrom() {
        assertThat(questions).filteredOn(q -> documents.containsKey(q.docId()))
                .filteredOn(q -> !FactText.contains(normalisedTexts.get(q.docId()), q.fact()))
                .extracting(q -> q.id() + ": '" + q.fact() + "' not in " + q.docId())
                .isEmpty();
    }

    @Test
    void exactlyTheDemoUsersWhoCannotReadTheDocumentAreRefused() {
        assertThat(demoUsers).containsKeys("alice", "bob", "carol", "dave");
        List<String> problems = new ArrayList<>();
        for (GoldQuestion q : questions) {
            Set<String> expected = demoUsers.entrySet().stream()
                    .filter(user -> user.getValue().stream().noneMatch(q.readers()::contains))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
            if (!new TreeSet<>(q.refuse()).equals(expected)) {
                problems.add(q.id() + ": refuse " + q.refuse() + ", expected " + expected);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noRefusedUserCanReadTheFactAnywhere() {
        List<String> leaks = new ArrayList<>();
        for (GoldQuestion q : questions) {
            Map<String, Pattern> spellings = q.spellings().stream()
                    .collect(Collectors.toMap(Function.identity(), FactText::pattern, (a, b) -> a));
            for (String user : q.refuse()) {
                Set<String> roles = demoUsers.getOrDefault(user, Set.of(Roles.PUBLIC));
                documents.values().stream()
                        .filter(doc -> doc.allowedRoles().stream().anyMatch(roles::contains))
                        .forEach(doc -> spellings.forEach((spelling, pattern) -> {
                            if (pattern.matcher(normalisedTexts.get(doc.docId())).find()) {
                                leaks.add(q.id() + ": " + user + " may read '" + spelling + "' in " + doc.docId());
                            }
                        }));
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void everyGroupAndEveryDocumentHasQuestions() {
        Set<String> asked = questions.stream().map(GoldQuestion::docId).collect(Collectors.toSet());
        assertThat(asked).containsAll(documents.keySet());
        Set<String> groups = documents.values().stream().map(GoldQuestionsTest::group).collect(Collectors.toSet());
        assertThat(questions).extracting(GoldQuestion::group).containsAll(groups);
    }

    @Test
    void factsMatchAcrossCaseWhitespaceNumberAndDateSpellings() {
        String text = FactText.normalise("On **Wednesday**, 1,140 robots\nstopped until March 5, 2027 — 120 days.");
        assertThat(FactText.contains(text, "1140 ROBOTS")).isTrue();
        assertThat(FactText.contains(text, "2027-03-05")).isTrue();
        assertThat(FactText.contains(text, "wednesday, 1,140")).isTrue();
        assertThat(FactText.contains(text, "20 days")).as("a number inside a longer one").isFalse();
        assertThat(FactText.contains(text, "2027-03-15")).isFalse();
    }

    private static String group(CorpusDocument doc) {
        return String.join("+", new TreeSet<>(doc.allowedRoles()));
    }

    /**
     * How a fact is found in a text: both are compared after folding case, Unicode forms, Markdown emphasis, dash
     * variants, thousands separators and "Month D, YYYY" dates (to ISO), and the fact must stand on its own (not be
     * the tail of a longer number or word).
     */
    static final class FactText {

        private static final Pattern DATE = Pattern.compile(
                "\\b(january|february|march|april|may|june|july|august|september|october|november|december) (\\d{1,2}), (\\d{4})\\b");

        private FactText() {
        }

        static String normalise(String text) {
            String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                    .replaceAll("[*`]", "")
                    .replaceAll("[\\u2010-\\u2015\\u2212]", "-")
                    .replaceAll("(?<=\\d),(?=\\d{3}(?!\\d))", "");
            s = DATE.matcher(s).replaceAll(m -> "%s-%02d-%02d".formatted(m.group(3),
                    Month.valueOf(m.group(1).toUpperCase(Locale.ROOT)).getValue(), Integer.parseInt(m.group(2))));
            return s.replaceAll("\\s+", " ").strip();
        }

        static Pattern pattern(String fact) {
            return Pattern.compile("(?<![0-9a-z])" + Pattern.quote(normalise(fact)) + "(?![0-9a-z])");
        }

        static boolean contains(String normalisedText, String fact) {
            return pattern(fact).matcher(normalisedText).find();
        }
    }
}
