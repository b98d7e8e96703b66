"""Scoring against gold files: the public entry points, implemented in `tidings.evaluation`.

from tidings.evaluate import evaluate
report = evaluate(["gold.jsonl"], analyze=lambda doc: my_analysis(doc.text, doc.published))
print(report.table())
"""

from __future__ import annotations

from tidings.evaluation import *  # noqa: F403 - this module is the public face of the package
from tidings.evaluation import __all__ as __all__
