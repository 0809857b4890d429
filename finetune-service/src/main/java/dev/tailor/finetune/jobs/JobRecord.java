package dev.tailor.finetune.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run, as kept on the compacted jobs topic (key = job id). Every transition writes the whole record, so
 * the latest value is all a restarted service needs to carry on. Its parts change together: what the run is for
 * ({@link Target}, never changes), the dataset, the provider's training, the evaluation.
 */
public record JobRecord(
        String id,
        Target target,
        JobStatus status,
        String message,
        DatasetPart dataset,
        TrainingPart training,
        EvaluationPart evaluation,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * @param fingerprint the corpus fingerprint the dataset is built from
     * @param forced      an administrator waived the quiet period and the unchanged-corpus rule
     */
    public record Target(String groupId, List<String> roles, String fingerprint, String provider, String baseModel,
                         boolean forced) {

        public Target {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /**
     * @param chunksDone  chunks whose question/answer pairs have been written (progress while preparing)
     * @param chunksTotal chunks of the group's training corpus
     */
    public record DatasetPart(String dir, int chunksDone, int chunksTotal, int trainExamples, int evalExamples) {

        static final DatasetPart NONE = new DatasetPart(null, 0, 0, 0, 0);
    }

    /**
     * @param providerJobId set once the provider accepted the job: from then on a restart resumes polling
     * @param progress      the provider's latest messages, newest last (a few, for people)
     * @param losses        the training loss by step, as the provider reported it (for the loss curve)
     */
    public record TrainingPart(String fileId, String providerJobId, String fineTunedModel, List<String> progress,
                               List<LossPoint> losses, Integer step, Integer totalSteps, Long etaSeconds,
                               int pollFailures) {

        static final int MAX_PROGRESS = 10;
        static final int MAX_LOSSES = 2000;
        static final TrainingPart NONE = new TrainingPart(null, null, null, List.of(), List.of(), null, null, null, 0);

        public TrainingPart {
            progress = progress == null ? List.of() : List.copyOf(progress);
            losses = losses == null ? List.of() : List.copyOf(losses);
        }

        TrainingPart withReport(ProviderReport report) {
            List<String> messages = new ArrayList<>(progress);
            report.messages().stream().filter(m -> !messages.contains(m)).forEach(messages::add);
            List<LossPoint> curve = new ArrayList<>(losses);
            report.losses().stream().filter(p -> curve.stream().noneMatch(c -> c.step() == p.step())).forEach(curve::add);
            curve.sort(java.util.Comparator.comparingInt(LossPoint::step));
            var latest = report.losses().stream().max(java.util.Comparator.comparingInt(LossPoint::step));
            return new TrainingPart(fileId, providerJobId,
                    report.fineTunedModel() != null ? report.fineTunedModel() : fineTunedModel,
                    messages.subList(Math.max(0, messages.size() - MAX_PROGRESS), messages.size()),
                    curve.subList(Math.max(0, curve.size() - MAX_LOSSES), curve.size()),
                    latest.map(LossPoint::step).orElse(step),
                    report.totalSteps() != null ? report.totalSteps() : totalSteps,
                    report.etaSeconds() != null ? report.etaSeconds() : etaSeconds, 0);
        }
    }

    public record LossPoint(int step, double trainLoss) {
    }

    /**
     * What the promotion gate decided with: both models' fact accuracy on the same questions, how many there were, and
     * each question's result.
     *
     * @param strategy       how both were asked (the way the candidate would serve)
     * @param currentModel   what serves the group's users today (a fine-tuned model, or the base model with RAG)
     */
    public record EvaluationPart(String strategy, double candidateAccuracy, Double currentAccuracy, String currentModel,
                                 int questions, List<QuestionResult> results) {

        public EvaluationPart {
            results = results == null ? List.of() : List.copyOf(results);
        }
    }

    /** One question of the gate and the candidate's answer: did it state the reference fact? */
    public record QuestionResult(String id, String question, boolean correct, String answer, String source) {
    }

    public static JobRecord preparing(String id, Target target, Instant now) {
        return new JobRecord(id, target, JobStatus.PREPARING, "building the dataset", DatasetPart.NONE,
                TrainingPart.NONE, null, now, now);
    }

    JobRecord with(JobStatus newStatus, String newMessage, Instant now) {
        return new JobRecord(id, target, newStatus, newMessage, dataset, training, evaluation, createdAt, now);
    }

    JobRecord with(DatasetPart newDataset, Instant now) {
        return new JobRecord(id, target, status, message, newDataset, training, evaluation, createdAt, now);
    }

    JobRecord with(TrainingPart newTraining, Instant now) {
        return new JobRecord(id, target, status, message, dataset, newTraining, evaluation, createdAt, now);
    }

    JobRecord with(EvaluationPart newEvaluation, Instant now) {
        return new JobRecord(id, target, status, message, dataset, training, newEvaluation, createdAt, now);
    }

    public String groupId() {
        return target.groupId();
    }
}
