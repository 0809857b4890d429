package dev.tailor.finetune.evaluation;

import dev.tailor.finetune.groups.PermissionGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Which gold questions a group's evaluation asks, within its maximum. */
class GoldQuestionsChoiceTest {

    static final PermissionGroup ENGINEERING = PermissionGroup.of(List.of("engineering"));

    static List<GoldQuestion> questions(String prefix, int n, String... readers) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> new GoldQuestion(prefix + i, "question " + prefix + i,
                "fact " + i, List.of(), "doc-" + prefix + i, readers[0], List.of(readers))).toList();
    }

    @Test
    void aQuarterOfTheQuestionsAreOnesTheGroupMayNotReadEvenWhenItsOwnQuestionsAloneFillTheMaximum() {
        List<GoldQuestion> all = new ArrayList<>(questions("eng-", 19, "engineering"));
        all.addAll(questions("hr-", 15, "hr"));
        all.addAll(questions("pub-", 18, "public"));

        List<EvalQuestion> chosen = GoldQuestions.choose(ENGINEERING, all, 12);

        assertThat(chosen).hasSize(12);
        assertThat(chosen).filteredOn(EvalQuestion::expectRefusal).hasSize(3)
                .allMatch(q -> q.id().startsWith("hr-"));
        assertThat(chosen).filteredOn(q -> !q.expectRefusal()).hasSize(9).allMatch(q -> q.id().startsWith("eng-"));
    }

    @Test
    void withRoomLeftTheOtherReadableQuestionsFollowAndAGroupThatMayReadEverythingIsAskedNoRefusal() {
        List<GoldQuestion> all = new ArrayList<>(questions("eng-", 4, "engineering"));
        all.addAll(questions("hr-", 15, "hr"));
        all.addAll(questions("pub-", 18, "public"));
        assertThat(GoldQuestions.choose(ENGINEERING, all, 12)).extracting(EvalQuestion::id)
                .containsExactly("eng-1", "eng-2", "eng-3", "eng-4", "hr-1", "hr-2", "hr-3",
                        "pub-1", "pub-2", "pub-3", "pub-4", "pub-5");

        List<GoldQuestion> readable = questions("eng-", 20, "engineering");
        assertThat(GoldQuestions.choose(ENGINEERING, readable, 12)).hasSize(12).noneMatch(EvalQuestion::expectRefusal);
    }
}
