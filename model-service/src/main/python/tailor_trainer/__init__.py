"""Tailor's fine-tuning worker: trains a LoRA adapter for SmolLM2 on chat JSONL and exports it as a llama.cpp GGUF adapter.

model-service starts it as a child process and supervises it through this contract.

Command (PYTHONPATH=model-service/src/main/python, the interpreter from dev/lib/models.sh's install_trainer_env):

    $TRAINER_PYTHON -m tailor_trainer.train --base-gguf PATH --train-file PATH [--validation-file PATH]
        --output-dir DIR --epochs N --batch-size N --learning-rate F --lora-r N --lora-alpha N --seed N
        [--max-steps N] --threads N

--max-steps, when given, sets the run's length in optimizer steps instead of --epochs (as in transformers; the data is
then cycled as often as needed). --threads is torch's intra-op thread count; the worker never
uses a GPU. The learning rate decays linearly to 0 over the run, no warm-up, AdamW, no weight decay, LoRA dropout 0,
LoRA on q/k/v/o/gate/up/down projections.

Training file: OpenAI's chat fine-tuning JSONL, one {"messages": [{"role": "system"|"user"|"assistant",
"content": "..."}, ...]} per line (blank lines skipped, other keys ignored). The conversation is rendered with the chat
template inside the GGUF; the loss covers the assistant messages' tokens only (their end-of-turn token included).
Conversations are cut at 2048 tokens.

Stdout carries one JSON object per line and nothing else (logs, warnings and native libraries' output go to stderr):

    {"event":"started","examples":N,"total_steps":N,"epochs":N}
    {"event":"step","step":N,"total_steps":N,"epoch":F,"train_loss":F,"learning_rate":F,"trained_tokens":N,
     "elapsed_seconds":F,"eta_seconds":F}                                   after every optimizer step
    {"event":"eval","step":N,"eval_loss":F}                                 after each epoch, with --validation-file
    {"event":"exported","adapter":"DIR/adapter.gguf","bytes":N}
    {"event":"succeeded","trained_tokens":N,"adapter":"DIR/adapter.gguf","metrics":"DIR/metrics.csv","seconds":F}
    {"event":"failed","message":"..."}                                      then the process exits non-zero

- trained_tokens: the tokens (prompt and answer, padding excluded) the model has read so far, cumulative.
- elapsed_seconds and seconds: since the worker started (the model load, ~15 s, included); eta_seconds: the
  remaining steps at the mean step time so far. A non-finite number (a diverged loss) is written as null.
- Exit codes: 0 succeeded; 2 bad input (bad arguments, a missing base model, a training or validation file that is
  unreadable, empty, or has a bad line: the message names the file, the line and why: not JSON, no messages, no
  assistant message, unknown role, a message without text); 143 after SIGTERM; 1 any other failure. A process killed
  otherwise (SIGKILL, the kernel's OOM killer) says nothing: the supervisor goes by the exit status.
- SIGTERM: a watcher thread removes any half-written adapter (and the metrics file), emits failed
  "terminated (SIGTERM)" and exits 143 at once, whatever the training thread is doing.

Files in DIR (created if missing; an adapter.gguf or metrics.csv there from an earlier run is deleted at start):
- adapter.gguf: the LoRA adapter for llama.cpp (see adapter_gguf): written under a temporary name and renamed when
  complete, so it exists only whole and only after success.
- metrics.csv: one row per step: step, train_loss, train_accuracy, valid_loss, valid_mean_token_accuracy (OpenAI's
  result-file columns: the accuracies are the share of assistant tokens predicted as the top choice; valid_* only
  on the rows of evaluated steps), then epoch, learning_rate, trained_tokens, elapsed_seconds.
"""
