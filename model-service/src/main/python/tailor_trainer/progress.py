"""Turns the trainer's logs into the supervisor's events and the job's metrics CSV."""

import csv
import time

from transformers import TrainerCallback

# OpenAI's result-file columns first (train_accuracy and valid_mean_token_accuracy: the share of assistant tokens the
# model predicts as its top choice), then what a progress view wants beside them.
METRICS_COLUMNS = ("step", "train_loss", "train_accuracy", "valid_loss", "valid_mean_token_accuracy",
                   "epoch", "learning_rate", "trained_tokens", "elapsed_seconds")


class ProgressEvents(TrainerCallback):
    """Emits started / step / eval events and keeps one metrics row per step."""

    def __init__(self, events, examples, worker_started):
        self._events = events
        self._examples = examples
        self._worker_started = worker_started
        self._training_started = None
        self._total_steps = 0
        self.trained_tokens = 0
        self.rows = {}

    def on_train_begin(self, args, state, control, **kwargs):
        self._training_started = time.monotonic()
        self._total_steps = state.max_steps
        self._events.emit("started", examples=self._examples, total_steps=state.max_steps,
                          epochs=int(state.num_train_epochs))

    def on_log(self, args, state, control, logs=None, **kwargs):
        logs = logs or {}
        step = state.global_step
        if "eval_loss" in logs:
            self._events.emit("eval", step=step, eval_loss=logs["eval_loss"])
            row = self.rows.setdefault(step, {"step": step})
            row["valid_loss"] = logs["eval_loss"]
            row["valid_mean_token_accuracy"] = logs.get("eval_mean_token_accuracy")
        elif "loss" in logs:
            now = time.monotonic()
            per_step = (now - self._training_started) / max(step, 1)
            self.trained_tokens = int(logs.get("num_tokens", self.trained_tokens))
            fields = {
                "step": step,
                "total_steps": self._total_steps,
                "epoch": round(float(state.epoch or 0.0), 4),
                "train_loss": logs["loss"],
                "learning_rate": logs.get("learning_rate"),
                "trained_tokens": self.trained_tokens,
                "elapsed_seconds": round(now - self._worker_started, 3),
                "eta_seconds": round(per_step * (self._total_steps - step), 3),
            }
            self._events.emit("step", **fields)
            row = self.rows.setdefault(step, {"step": step})
            row.update({key: fields[key] for key in ("epoch", "train_loss", "learning_rate", "trained_tokens",
                                                     "elapsed_seconds")})
            row["train_accuracy"] = logs.get("mean_token_accuracy")

    def write_metrics(self, path):
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=METRICS_COLUMNS, restval="")
            writer.writeheader()
            for step in sorted(self.rows):
                writer.writerow({key: _cell(value) for key, value in self.rows[step].items()})


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return value
