"""The pipeline from a config, as in spaCy: defaults in the package, overrides from the user.

``data/pipeline.yaml`` lists the stages in order and each stage's settings. A user overrides
any of it with a dict or a file (YAML, TOML or JSON), swapping the gazetteer, changing a
threshold or adding a stage, without editing code. A stage is made by a factory: the built-ins
below, or any callable another package registers under the ``tidings_stages`` entry point group
(``factory(context, **settings) -> Stage``).
"""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from tidings.errors import InputError, PipelineOrderError

if TYPE_CHECKING:
    from spacy.language import Language

    from tidings.actors.kb import KnowledgeBase
    from tidings.stage import Stage

DEFAULT_CONFIG = Path(__file__).parent / "data" / "pipeline.yaml"
ENTRY_POINT_GROUP = "tidings_stages"
Config = dict[str, Any]


@dataclass
class StageContext:
    """What factories share: the spaCy pipeline and the actor knowledge base (loaded once)."""

    nlp: Language
    actor_files: Sequence[str | Path] = ()
    _kb: KnowledgeBase | None = field(default=None, repr=False)

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            from tidings.actors.kb import load_kb

            self._kb = load_kb(self.actor_files)
        return self._kb


def read_config(source: str | Path | Mapping[str, Any] | None = None) -> Config:
    """The default config with ``source`` (a dict or a file) merged over it."""
    config = copy.deepcopy(_defaults())
    if source is None:
        return config
    user = dict(source) if isinstance(source, Mapping) else _read_file(Path(source))
    return _merge(config, user)


@lru_cache(maxsize=1)
def _defaults() -> Config:
    return yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))


def _read_file(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":
            data = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read the pipeline config: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError(str(path), "a pipeline config is a mapping (pipeline:, stages:)")
    return data


def _merge(base: Config, over: Mapping[str, Any]) -> Config:
    """Mappings merge key by key; anything else (a list, a number) replaces the default."""
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            base[key] = _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


def stage_names(config: Config) -> list[str]:
    return list(config.get("pipeline", {}).get("stages", []))


def make_stages(config: Config, context: StageContext, skip: Sequence[str] = ()) -> list[Stage]:
    """One stage per name of ``pipeline.stages`` (except ``skip``), each from its factory."""
    out = []
    for name in stage_names(config):
        if name in skip:
            continue
        settings = dict(config.get("stages", {}).get(name) or {})
        factory = factory_for(str(settings.pop("factory", name)))
        try:
            out.append(factory(context, **settings))
        except TypeError as exc:
            raise PipelineOrderError(f"stage {name!r}: bad settings {settings}: {exc}") from exc
    return out


Factory = Callable[..., "Stage"]


def factory_for(name: str) -> Factory:
    """A built-in factory, else one registered under the ``tidings_stages`` entry points."""
    from tidings.stage_factories import BUILTIN

    if name in BUILTIN:
        return BUILTIN[name]
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            factory: Factory = ep.load()
            return factory
    known = sorted({*BUILTIN, *(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))})
    raise PipelineOrderError(f"no stage factory {name!r} (known: {', '.join(known)})")
