"""Long, varied news documents for timing: the example article's paragraphs, reshuffled, with
its people renamed at every repeat so the actor stage meets new names all the way through.

    .venv/bin/python benchmarks/longdoc.py 200000 > /tmp/long.txt
    .venv/bin/python benchmarks/longdoc.py --time 20000 200000   # seconds per stage
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "irgc-basij.txt"
FIRST = (
    "Amir",
    "Daniel",
    "Layla",
    "Omar",
    "Sofia",
    "Karim",
    "Nadia",
    "Yusuf",
    "Elena",
    "Tariq",
    "Maria",
    "Reza",
    "Hana",
    "Samir",
    "Irina",
    "Jamal",
    "Leila",
    "Pavel",
    "Zainab",
    "Victor",
)
LAST = (
    "Haddad",
    "Novak",
    "Rahimi",
    "Okafor",
    "Moreau",
    "Petrov",
    "Karimi",
    "Silva",
    "Aziz",
    "Lindqvist",
    "Farouk",
    "Mendes",
    "Tehrani",
    "Kovacs",
    "Nasser",
    "Ortega",
    "Sadeghi",
    "Brandt",
    "Qureshi",
    "Dimitrov",
)
# (full name, surname) of the example's people, renamed together
PEOPLE = (
    ("Hossein Salami", "Salami"),
    ("Esmail Ghaani", "Ghaani"),
    ("Brian Hook", "Hook"),
    ("Qasem Soleimani", "Soleimani"),
)


def paragraphs() -> list[str]:
    """The example's body paragraphs (headline and photo captions left out)."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    return [x for x in lines[7:] if len(x) > 80]


def long_document(chars: int, seed: int = 0) -> str:
    """A headline and news paragraphs, about ``chars`` characters, cut at a paragraph end."""
    rng = random.Random(seed)
    body = paragraphs()
    out = ["Officials trade threats as tensions rise across the region", ""]
    size = sum(len(x) + 1 for x in out)
    while size < chars:
        names = {}
        for full, last in PEOPLE:
            new_last = rng.choice(LAST)
            names[full] = f"{rng.choice(FIRST)} {new_last}"
            names[last] = new_last
        for para in rng.sample(body, len(body)):
            for old in sorted(names, key=len, reverse=True):
                para = para.replace(old, names[old])
            if size + len(para) + 1 > chars and size > 0.9 * chars:
                break
            out.append(para)
            size += len(para) + 1
        else:
            continue
        break
    return "\n".join(out)[:chars].rstrip() + "\n"


def stage_times(sizes: list[int]) -> None:
    """Print each stage's CPU seconds (not wall time: the machine may be shared) on a long
    document of every size; the first run is a warm-up (lazy tables, model caches)."""
    import tidings

    pipe = tidings.load()
    for n in [2_000, *sizes]:
        cpu = stage_cpu(pipe, long_document(n))
        stages = " ".join(f"{k}={v:.2f}" for k, v in cpu.items())
        print(f"{n:>8} chars total={sum(cpu.values()):.2f}s cpu {stages}", flush=True)


def stage_cpu(pipe, text: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """CPU seconds of each stage of `pipe` on `text`.

    The objects alive before the document (the model, the knowledge base, the gazetteer: about
    250,000 of them) are frozen out of the garbage collector while it runs. Otherwise a full
    collection, which walks all of them (about 0.2 s here), lands in whichever stage happens to
    cross the collector's threshold: the actors stage then looked x3-4 slower on a document
    twice the size, while its own work grew x2. The collector is also paused while a stage is
    timed (the document's own objects are collected between stages, untimed): a full collection
    walks every object of the document, so whether one happens to fall in a stage made that
    stage's figure jump by a third from run to run (actors x3.0 once, x2.1 on the next run).
    """
    import gc
    import time

    from tidings.document import Document
    from tidings.stage import run_stage

    gc.collect()
    gc.freeze()
    try:
        d = Document(article=pipe.make_article(text, published="2020-01-27"))
        out = {}
        for st in pipe.stages:
            gc.collect()
            gc.disable()
            t0 = time.process_time()
            d = run_stage(st, d)
            out[st.name] = time.process_time() - t0
            gc.enable()
    finally:
        gc.enable()
        gc.unfreeze()
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--time"]:
        stage_times([int(x) for x in sys.argv[2:]] or [20_000, 200_000])
    else:
        sys.stdout.write(long_document(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000))
