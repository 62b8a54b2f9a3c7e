#!/usr/bin/env python3
"""Writes a provider spec of N providers x M models to stdout, for timing the YAML reader and
`provider-sync validate` (the output passes the schema and the semantic checks).

usage: bench/gen-spec.py --providers N --models M [--seed S] > spec.yaml
       bench/gen-spec.py N M                                  (the same, positionally)

Without --seed the output is fixed (provider 1 is vLLM on localhost:8000, as in the guide);
a seed varies presets, ports, models and flags, so many small files are not all identical.
"""
import argparse
import random
import sys

MODELS = [
    ("meta-llama/Llama-2-7b-chat-hf", "Llama 2 7B Chat", 4096, 1024),
    ("mistralai/Mistral-7B-Instruct-v0.2", "Mistral 7B Instruct", 32768, 4096),
    ("Qwen/Qwen2.5-Coder-32B-Instruct", "Qwen 2.5 Coder 32B", 131072, 8192),
    ("google/gemma-2-9b-it", "Gemma 2 9B", 8192, 2048),
    ("microsoft/Phi-3-mini-4k-instruct", "Phi-3 Mini", 4096, 1024),
]
PRESETS = ["vllm", "localai", "ollama", "lmstudio", "fastchat", "llamacpp", "litellm"]


def generate(providers: int, models: int, seed: int | None) -> str:
    rng = random.Random(seed)
    out = ["version: 1", "providers:"]
    for p in range(1, providers + 1):
        if seed is None:
            preset, port, first, tool = PRESETS[(p - 1) % len(PRESETS)], 8000 + (p - 1) % 1000, 0, 0
        else:
            preset, port = rng.choice(PRESETS), rng.randrange(1024, 65536)
            first, tool = rng.randrange(len(MODELS)), rng.randrange(2)
        out += [
            f"  p{p:04d}:",
            f"    name: Provider {p}",
            f"    preset: {preset}",
            f"    url: http://localhost:{port}",
            "    headers: { X-Team: platform }",
            "    models:",
        ]
        for m in range(models):
            model_id, name, context, output = MODELS[(first + m) % len(MODELS)]
            # Ids must be unique within a provider: number the repeats.
            suffix = f"-{m // len(MODELS)}" if m >= len(MODELS) else ""
            out += [
                f"      - id: {model_id}{suffix}",
                f"        name: {name}",
                f"        context: {context}",
                f"        output: {output}",
                f"        toolCall: {'true' if (m + tool) % 2 == 0 else 'false'}",
            ]
    return "\n".join(out) + "\n"


def main() -> None:
    a = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    a.add_argument("counts", nargs="*", type=int, metavar="N M", help="providers and models, positionally")
    a.add_argument("--providers", type=int)
    a.add_argument("--models", type=int)
    a.add_argument("--seed", type=int)
    args = a.parse_args()
    if len(args.counts) not in (0, 2):
        a.error("give N and M together")
    providers = args.providers if args.providers is not None else (args.counts[0] if args.counts else None)
    models = args.models if args.models is not None else (args.counts[1] if args.counts else None)
    if providers is None or models is None or providers < 1 or models < 1:
        a.error("need a positive number of providers and of models")
    sys.stdout.write(generate(providers, models, args.seed))


if __name__ == "__main__":
    main()
