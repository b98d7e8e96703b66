"""The Ray engine gives the local engine's output on the same corpus (a real local Ray)."""

from __future__ import annotations

import json
import os

import pytest
from benchmarks.longdoc import long_document

from tidings.batch import run_batch
from tidings.model import Article
from tidings.store import Store

ray = pytest.importorskip("ray", reason="the ray extra is not installed")


def _comparable(store: Store, ids: list[str]) -> list[dict]:
    out = []
    for aid in ids:
        a = store.load(aid)
        assert a is not None
        d = json.loads(a.to_json())
        d.pop("meta")  # timings differ from run to run
        out.append(d)
    return out


@pytest.mark.slow
def test_ray_output_equals_local_output(pipeline, tmp_path) -> None:
    from tidings.engines.ray import ray_engine, start_ray

    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    articles = [Article(text=long_document(1200, seed=s), published="2020-01-27") for s in range(3)]
    items = [(f"a{i}", a) for i, a in enumerate(articles)]
    ids = [a.id for a in articles]
    start_ray(num_cpus=2)
    try:
        with Store(f"sqlite:///{tmp_path / 'ray.db'}") as on_ray:
            shards = tmp_path / "shards"
            r = run_batch(items, None, on_ray, engine=ray_engine(2, parquet=str(shards)))
            assert (r.analysed, r.failures) == (3, [])
            got = _comparable(on_ray, ids)
    finally:
        ray.shutdown()
    with Store(f"sqlite:///{tmp_path / 'local.db'}") as local:
        assert run_batch(items, pipeline, local).analysed == 3
        want = _comparable(local, ids)
    assert got == want and all(g["events"] or g["actors"] for g in got)
    import pyarrow.parquet as pq

    table = pq.read_table(shards)
    assert table.num_rows == 3 and sorted(
        json.loads(x)["article"]["id"] for x in table.column("result").to_pylist()
    ) == sorted(ids)
