"""Entry point of the fine-tuning worker: python -m tailor_trainer.train ... (the contract is in the package docstring)."""

import argparse
import logging
import math
import os
import signal
import sys
import threading
import time
import traceback
import warnings

from .events import Events
from .training_file import TrainingFileError, read_conversations

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_TERMINATED = 128 + signal.SIGTERM
MAX_TOKENS = 2048  # per conversation; longer ones are cut (SmolLM2 itself reads 8192, but memory grows with it)
ADAPTER_FILE = "adapter.gguf"
METRICS_FILE = "metrics.csv"

log = logging.getLogger("tailor_trainer")


class BadInput(ValueError):
    pass


class _Arguments(argparse.ArgumentParser):
    def error(self, message):
        raise BadInput(f"bad arguments: {message}")


def parse_arguments(argv):
    parser = _Arguments(prog="python -m tailor_trainer.train", description="Train a LoRA adapter on chat JSONL.")
    parser.add_argument("--base-gguf", required=True)
    parser.add_argument("--train-file", required=True)
    parser.add_argument("--validation-file")
    parser.add_argument("--output-dir", required=True)
    parser.add_argument("--epochs", type=int, required=True)
    parser.add_argument("--batch-size", type=int, required=True)
    parser.add_argument("--learning-rate", type=float, required=True)
    parser.add_argument("--lora-r", type=int, required=True)
    parser.add_argument("--lora-alpha", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--max-steps", type=int)
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args(argv)
    for name in ("epochs", "batch_size", "lora_r", "lora_alpha", "threads"):
        if getattr(args, name) < 1:
            raise BadInput(f"bad arguments: --{name.replace('_', '-')} must be at least 1")
    if args.max_steps is not None and args.max_steps < 1:
        raise BadInput("bad arguments: --max-steps must be at least 1")
    if not (args.learning_rate > 0 and math.isfinite(args.learning_rate)):
        raise BadInput("bad arguments: --learning-rate must be a positive number")
    if not os.path.isfile(args.base_gguf):
        raise BadInput(f"base model not found: {args.base_gguf}")
    return args


def _exit_on_sigterm(events, output_dir):
    """SIGTERM ends the process at once, whatever the main thread is in (a Python signal handler would wait for the
    running native call, and a training step can take long on a busy machine). Python's C-level handler writes the
    signal to a pipe from whichever thread receives it; a watcher thread blocked on that pipe cleans up and exits."""
    readable, writable = os.pipe()
    os.set_blocking(writable, False)
    signal.signal(signal.SIGTERM, lambda signum, frame: None)
    signal.set_wakeup_fd(writable)

    def watch():
        os.read(readable, 1)
        if output_dir:
            for leftover in (ADAPTER_FILE + ".partial", METRICS_FILE):
                try:
                    os.remove(os.path.join(output_dir[0], leftover))
                except OSError:
                    pass
        events.emit("failed", message="terminated (SIGTERM)")
        os._exit(EXIT_TERMINATED)

    threading.Thread(target=watch, name="sigterm", daemon=True).start()


def _exit_when_orphaned():
    """A worker must not outlive its supervisor: when model-service dies (kill -9, OOM), the worker is re-parented and
    ends itself through the SIGTERM path (cleanup, a failed event nobody reads, exit 143) instead of training on."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="orphan", daemon=True).start()


def main(argv=None):
    worker_started = time.monotonic()
    events = Events.take_stdout()
    output_dir = []
    _exit_on_sigterm(events, output_dir)
    _exit_when_orphaned()
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        args = parse_arguments(sys.argv[1:] if argv is None else argv)
        train_set = read_conversations(args.train_file, "training file")
        validation_set = read_conversations(args.validation_file, "validation file") if args.validation_file else None
        os.makedirs(args.output_dir, exist_ok=True)
        output_dir.append(args.output_dir)
        for stale in (ADAPTER_FILE, METRICS_FILE):  # a result must come from this run or not exist
            if os.path.exists(os.path.join(args.output_dir, stale)):
                os.remove(os.path.join(args.output_dir, stale))
        _train(args, train_set, validation_set, events, worker_started)
        return 0
    except (BadInput, TrainingFileError) as e:
        events.emit("failed", message=str(e))
        return EXIT_BAD_INPUT
    except BaseException as e:  # noqa: BLE001 - the supervisor must hear of every failure, MemoryError included
        traceback.print_exc(file=sys.stderr)
        events.emit("failed", message=f"{type(e).__name__}: {e}"[:2000])
        return EXIT_FAILED


def _train(args, train_set, validation_set, events, worker_started):
    from .base_model import quiet_environment

    quiet_environment(args.threads)
    warnings.filterwarnings("ignore", category=FutureWarning)  # deprecations inside the pinned libraries
    from .base_model import load_model, load_tokenizer, lora_config, use_threads

    use_threads(args.threads)
    from datasets import Dataset
    from transformers import set_seed
    from trl import SFTConfig

    from .adapter_gguf import export_peft_adapter
    from .progress import ProgressEvents

    log.info("loading the tokenizer from %s", args.base_gguf)
    tokenizer = load_tokenizer(args.base_gguf)
    train_data = Dataset.from_list(_tokenized(tokenizer, train_set, "training file"))
    validation_data = (Dataset.from_list(_tokenized(tokenizer, validation_set, "validation file"))
                       if validation_set else None)
    log.info("loading the model from %s", args.base_gguf)
    model = load_model(args.base_gguf)
    log.info("model loaded after %.1f s", time.monotonic() - worker_started)

    set_seed(args.seed)  # before peft creates the LoRA weights, so one seed gives one adapter
    config = SFTConfig(
        output_dir=args.output_dir,
        num_train_epochs=args.epochs,
        max_steps=args.max_steps or -1,
        per_device_train_batch_size=args.batch_size,
        per_device_eval_batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        seed=args.seed,
        max_length=MAX_TOKENS,
        logging_strategy="steps",
        logging_steps=1,
        eval_strategy="epoch" if validation_data is not None else "no",
        save_strategy="no",
        report_to="none",
        use_cpu=True,
        bf16=False,
        activation_checkpointing=False,  # trl's default trades compute for memory; 135M parameters need no trade
        dataloader_num_workers=0,
        disable_tqdm=True,
    )
    progress = ProgressEvents(events, len(train_data), worker_started)
    trainer = _model_loss_trainer()(model=model, args=config, train_dataset=train_data, eval_dataset=validation_data,
                                    processing_class=tokenizer, peft_config=lora_config(args.lora_r, args.lora_alpha),
                                    callbacks=[progress])
    trainer.train()

    metrics_path = os.path.join(args.output_dir, METRICS_FILE)
    progress.write_metrics(metrics_path)
    adapter_path = os.path.join(args.output_dir, ADAPTER_FILE)
    text_config = model.config
    size = export_peft_adapter(trainer.model, adapter_path, args.lora_alpha, text_config.num_attention_heads,
                               text_config.num_key_value_heads, text_config.num_hidden_layers)
    events.emit("exported", adapter=adapter_path, bytes=size)
    events.emit("succeeded", trained_tokens=progress.trained_tokens, adapter=adapter_path, metrics=metrics_path,
                seconds=round(time.monotonic() - worker_started, 3))


def _model_loss_trainer():
    """trl's SFTTrainer with the model's own loss. trl runs the model with a fused LM head that also computes every
    token's entropy: measured here at 0.4-0.8 s of a 3.3-s step (the step run bare has no such cost). The model's loss
    is the same cross-entropy over the assistant tokens; the top-1 token accuracy (OpenAI's train_accuracy) and the
    trained tokens are taken from what the step already has, for the price of an argmax."""
    import torch
    from transformers import Trainer
    from trl import SFTTrainer

    class ModelLossSFTTrainer(SFTTrainer):
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            loss, outputs = Trainer.compute_loss(self, model, inputs, return_outputs=True,
                                                 num_items_in_batch=num_items_in_batch)
            mode = "train" if model.training else "eval"
            with torch.no_grad():
                labels = inputs["labels"][:, 1:]
                scored = labels != -100
                correct = (outputs.logits[:, :-1].argmax(dim=-1) == labels) & scored
                self._metrics[mode]["mean_token_accuracy"].append((correct.sum() / scored.sum().clamp(min=1)).item())
            if mode == "train":
                self._total_train_tokens += int(inputs["attention_mask"].sum())
                self._metrics[mode]["num_tokens"] = [self._total_train_tokens]
            return (loss, outputs) if return_outputs else loss

    return ModelLossSFTTrainer


def _tokenized(tokenizer, conversations, label):
    from .chat_tokens import TemplateError, tokenize_conversation

    examples = []
    for conversation in conversations:
        try:
            examples.append(tokenize_conversation(tokenizer, conversation.messages))
        except TemplateError as e:
            raise TrainingFileError(f"{label} line {conversation.line}: the model's chat template cannot render this "
                                    f"conversation ({e}; does it start with an assistant message?)") from e
    return examples


if __name__ == "__main__":
    sys.exit(main())
