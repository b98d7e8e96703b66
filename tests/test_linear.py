"""Every stage's time grows linearly with the document: doubling a long document at most
doubles each stage's CPU time (x2.5 for noise), on sizes up to 200,000 characters."""

from __future__ import annotations

import random
import time
from dataclasses import replace
from types import SimpleNamespace

import pytest
from benchmarks.longdoc import long_document, stage_cpu

from tidings.quotes.intervals import ContentIndex

SIZES = (50_000, 100_000, 200_000)
SLACK = 0.05  # seconds: a stage this fast is below the clock's noise


@pytest.mark.slow
def test_doubling_a_document_at_most_doubles_each_stage(pipeline) -> None:
    stage_cpu(pipeline, long_document(3_000))  # warm: lazy tables are built once
    times = {n: stage_cpu(pipeline, long_document(n, seed=n)) for n in SIZES}
    for small, large in zip(SIZES, SIZES[1:], strict=False):
        for stage, t in times[large].items():
            base = times[small][stage]
            for _ in range(4):  # a busy machine inflates CPU time too: look again, keep the least
                if t <= 2.5 * base + SLACK:
                    break
                base = min(base, stage_cpu(pipeline, long_document(small, seed=small))[stage])
                t = min(t, stage_cpu(pipeline, long_document(large, seed=large))[stage])
            assert t <= 2.5 * base + SLACK, (stage, small, large, times)


def test_long_text_parsed_in_pieces_keeps_every_offset(pipeline) -> None:
    text = long_document(60_000, seed=7)
    a = pipeline.analyze(text, published="2020-01-27")
    spans = [m for x in a.actors for m in x.mentions] + [q.span for q in a.quotes]
    spans += [e.trigger for e in a.events]
    assert spans and all(a.article.text[s.start : s.end] == s.text for s in spans)


@pytest.mark.slow
def test_doubling_a_document_at_most_doubles_the_quotes_stage(pipeline) -> None:
    """The quotes stage alone, each size parsed once and its CPU time the least of three runs
    (it once compared every frame with every quotation: x2.9 from 100,000 to 200,000)."""
    from tidings.document import Document
    from tidings.stage import run_stage

    def quotes_cpu(n: int) -> float:
        d = Document(
            article=pipeline.make_article(long_document(n, seed=n), published="2020-01-27")
        )
        stages = {st.name: st for st in pipeline.stages}
        for name in ("structure", "nlp", "actors"):
            d = run_stage(stages[name], d)
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            fresh = replace(d, actors=list(d.actors), quotes=[], counts=dict(d.counts))
            run_stage(stages["quotes"], fresh)
            best = min(best, time.process_time() - t0)
        return best

    small, large = quotes_cpu(100_000), quotes_cpu(200_000)
    assert large <= 2.5 * small + SLACK, (small, large)


def test_frames_near_a_range_are_every_frame_over_it() -> None:
    """The content index finds every frame a walk over all frames finds, in the same order."""
    rng = random.Random(5)
    frames = []
    for _ in range(300):
        start = rng.randrange(0, 20_000)
        content = None if rng.random() < 0.1 else (start, start + rng.randrange(0, 400))
        frames.append(SimpleNamespace(content=content))
    index = ContentIndex(frames)
    for _ in range(500):
        lo = rng.randrange(0, 20_000)
        hi = lo + rng.randrange(0, 300)
        walked = [
            k
            for k, f in enumerate(frames)
            if f.content is not None and f.content[0] <= hi + 1 and f.content[1] >= lo - 1
        ]
        assert index.near(lo, hi) == walked
