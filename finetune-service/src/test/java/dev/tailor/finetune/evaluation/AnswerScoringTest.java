package dev.tailor.finetune.evaluation;

import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.runtime.rag.RetrievedChunk;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerScoringTest {

    static final EvalQuestion FALCON = new EvalQuestion("q1", "When does Project Falcon launch?", List.of("2027-03-15"),
            List.of("March 15, 2027"), "Project Falcon launches on 2027-03-15.", false, "eng-falcon", "gold");
    static final EvalQuestion SECRET = new EvalQuestion("q2", "What is the Heron deal value?", List.of("$84M"), List.of(),
            "$84M", true, "fin-heron", "gold");
    static final RetrievedChunk LAUNCH = new RetrievedChunk("eng-falcon", 1, "Falcon", "Falcon launches on 2027-03-15.",
            0.9, 10, List.of("engineering"));
    static final RetrievedChunk OTHER = new RetrievedChunk("pub-faq", 0, "FAQ", "Support is open 9-5.", 0.5, 8,
            List.of("public"));
    static final AnswerScoring.Prices PRICES = new AnswerScoring.Prices(0.15, 0.60, 2.0);

    static StrategyAnswerer.Answered answered(String text, RetrievedChunk... passages) {
        return new StrategyAnswerer.Answered(text, List.of(passages), 1000, 100, 1200);
    }

    @Test
    void aRightAnswerStatesTheFactAndCitesAPassageThatHasIt() {
        var right = AnswerScoring.score(FALCON, Strategy.RAG, answered("It launches on March 15, 2027 [2].", OTHER, LAUNCH), 0.8);
        assertThat(right.factCorrect()).isTrue();
        assertThat(right.citationCorrect()).isTrue();
        assertThat(right.refusalCorrect()).isNull();

        var wrongCitation = AnswerScoring.score(FALCON, Strategy.RAG, answered("It launches on 2027-03-15 [1].", OTHER, LAUNCH), 0.8);
        assertThat(wrongCitation.factCorrect()).isTrue();
        assertThat(wrongCitation.citationCorrect()).isFalse();

        var wrong = AnswerScoring.score(FALCON, Strategy.FINETUNED, answered("It launches on 2027-03-16."), 0.7);
        assertThat(wrong.factCorrect()).isFalse();
        assertThat(wrong.citationCorrect()).isNull();
    }

    @Test
    void aQuestionTheAskerMayNotReadIsRightOnlyWhenRefused() {
        assertThat(AnswerScoring.score(SECRET, Strategy.RAG, answered("I could not find it in the documents you may read."), 0)
                .refusalCorrect()).isTrue();
        assertThat(AnswerScoring.score(SECRET, Strategy.FINETUNED, answered("The deal is worth $84M."), 0)
                .refusalCorrect()).isFalse();
        assertThat(AnswerScoring.score(SECRET, Strategy.RAG, answered("It is about robots."), 0).refusalCorrect()).isFalse();
        assertThat(AnswerScoring.score(SECRET, Strategy.RAG, answered("I don't know; maybe $84M."), 0).factCorrect()).isFalse();
    }

    @Test
    void aStrategysScoreSumsItsAnswersUp() {
        List<QuestionOutcome> outcomes = List.of(
                AnswerScoring.score(FALCON, Strategy.FINETUNED_RAG, answered("2027-03-15 [1]", LAUNCH), 0.9),
                AnswerScoring.score(FALCON, Strategy.FINETUNED_RAG, answered("no idea", LAUNCH), 0.1),
                AnswerScoring.score(SECRET, Strategy.FINETUNED_RAG, answered("I don't know."), 0.0),
                AnswerScoring.score(FALCON, Strategy.RAG, answered("2027-03-15", LAUNCH), 0.9));

        GroupEvaluation.StrategyScore score = AnswerScoring.summarise(Strategy.FINETUNED_RAG, outcomes, PRICES);

        assertThat(score.questions()).isEqualTo(3);
        assertThat(score.factAccuracy()).isEqualTo(0.5);
        assertThat(score.refusalAccuracy()).isEqualTo(1.0);
        assertThat(score.citationAccuracy()).isEqualTo(1.0);
        assertThat(score.answerSimilarity()).isEqualTo((0.9 + 0.1 + 0.0) / 3);
        assertThat(score.costPerAnswer()).isEqualTo(2.0 * (1000 * 0.15 + 100 * 0.60) / 1e6);
        assertThat(score.p50LatencyMillis()).isEqualTo(1200);
    }

    @Test
    void theBestIsTheMostAccurateThenTheCheaper() {
        var cheap = new GroupEvaluation.StrategyScore("extractive", 10, 0.6, 0.0, 1.0, 0.5, 0, 0, 0.0, 5);
        var rag = new GroupEvaluation.StrategyScore("rag", 10, 0.6, 0.0, 1.0, 0.5, 900, 60, 0.0002, 900);
        var ft = new GroupEvaluation.StrategyScore("finetuned", 10, 0.2, 0.0, null, 0.5, 40, 60, 0.0001, 600);
        assertThat(AnswerScoring.best(List.of(rag, cheap, ft))).isEqualTo("extractive");
        var better = new GroupEvaluation.StrategyScore("finetuned+rag", 10, 0.7, 0.0, 1.0, 0.5, 900, 60, 0.0004, 900);
        assertThat(AnswerScoring.best(List.of(rag, cheap, ft, better))).isEqualTo("finetuned+rag");
    }
}
