package dev.tailor.finetune.dataset;

import java.nio.file.Path;
import java.util.List;

/** A written dataset: train and evaluation JSONL plus manifest.json in {@code dir}. */
public record Dataset(Path dir, Path trainFile, Path evalFile, List<QaPair> train, List<QaPair> eval) {
}
