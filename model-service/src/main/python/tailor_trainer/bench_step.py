"""The worker's LoRA training step, run bare: no supervisor, no events, no Trainer bookkeeping.

    $TRAINER_PYTHON -m tailor_trainer.bench_step --base-gguf PATH --train-file PATH [--batch-size 4] [--lora-r 16]
        [--lora-alpha 32] [--threads 2] [--warmup 3] [--steps 20]

Same model, LoRA setup, tokenization and batch shapes as the worker (its collator pads the same batches), one forward,
backward and AdamW step each; it prints one JSON line on stdout:
{"seconds_per_step": F, "steps": N, "warmup": N, "batch_size": N, "threads": N, "tokens_per_step": F, "load_seconds": F}
so that dev/bench can set the supervised job's seconds per step beside it.
"""

import argparse
import itertools
import json
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tailor_trainer.bench_step", description=__doc__.split("\n")[0])
    parser.add_argument("--base-gguf", required=True)
    parser.add_argument("--train-file", required=True)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--learning-rate", type=float, default=2e-3)
    parser.add_argument("--lora-r", type=int, default=16)
    parser.add_argument("--lora-alpha", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)

    started = time.monotonic()
    from .base_model import quiet_environment

    quiet_environment(args.threads)
    from .base_model import load_model, load_tokenizer, lora_config, use_threads

    use_threads(args.threads)
    import torch
    from peft import get_peft_model
    from transformers import set_seed
    from trl.trainer.sft_trainer import DataCollatorForLanguageModeling

    from .chat_tokens import tokenize_conversation
    from .training_file import read_conversations

    tokenizer = load_tokenizer(args.base_gguf)
    examples = []
    for conversation in read_conversations(args.train_file):
        tokens = tokenize_conversation(tokenizer, conversation.messages)
        examples.append({"input_ids": tokens["input_ids"],
                         "labels": [t if m else -100 for t, m in zip(tokens["input_ids"], tokens["assistant_masks"])]})
    model = load_model(args.base_gguf)
    set_seed(args.seed)
    model = get_peft_model(model, lora_config(args.lora_r, args.lora_alpha))
    model.train()
    load_seconds = time.monotonic() - started

    collate = DataCollatorForLanguageModeling(pad_token_id=tokenizer.pad_token_id)
    optimizer = torch.optim.AdamW((p for p in model.parameters() if p.requires_grad), lr=args.learning_rate,
                                  weight_decay=0.0)
    batches = itertools.cycle([collate(examples[i:i + args.batch_size])
                               for i in range(0, len(examples), args.batch_size)])

    def step():
        batch = next(batches)
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return int(batch["attention_mask"].sum())

    for _ in range(args.warmup):
        step()
    tokens = 0
    timed = time.perf_counter()
    for _ in range(args.steps):
        tokens += step()
    seconds = time.perf_counter() - timed
    print(json.dumps({"seconds_per_step": round(seconds / args.steps, 4), "steps": args.steps, "warmup": args.warmup,
                      "batch_size": args.batch_size, "threads": args.threads,
                      "tokens_per_step": round(tokens / args.steps, 1), "load_seconds": round(load_seconds, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
