"""The shape of the package, checked from its source: what issue 24 removed must not come back.

* no cross-module import of an underscored name (between modules, public names only);
* no module-level cache of language data in the analysis and the readers (``lru_cache``,
  ``functools.cache``, ``per_models``): a component holds its data on the instance;
* no import circle between files (a file importing another that imports it back, also inside a function);
* imports run one way: commands -> read / nlp / write; ``read``, ``nlp`` and ``write`` never import
  a command, and ``write`` never imports the inside of a component (only ``records``);
* at most eight modules directly in ``newskit/``.
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

PKG = Path(__file__).resolve().parent.parent / "newskit"
CACHES = {"lru_cache", "cache", "per_models", "cached_property"}


def _modules() -> Dict[str, Path]:
    out = {}
    for path in PKG.rglob("*.py"):
        parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rsplit(".", 1)[0]


def _imports(name: str, path: Path, top_level_only: bool) -> Iterator[Tuple[str, List[str], int]]:
    """(imported module, names imported from it, line) for each newskit import of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    pkg = _package_of(name, path)
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "newskit":
                continue
            names = [a.name for a in node.names]
            # "from pkg import module": the module is what is imported
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            if subs:
                for s in subs:
                    yield s, [], node.lineno
                rest = [n for n in names if f"{target}.{n}" not in MODULES]
                if rest:
                    yield target, rest, node.lineno
            else:
                yield target, names, node.lineno
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "newskit":
                    yield a.name, [], node.lineno


def test_no_cross_module_import_of_an_underscored_name():
    found = []
    for name, path in MODULES.items():
        for target, names, line in _imports(name, path, top_level_only=False):
            for n in names:
                if n.startswith("_") and not n.startswith("__") and target != name:
                    found.append(f"{path.relative_to(PKG.parent)}:{line}: {n} from {target}")
    assert not found, "underscored names imported across modules:\n" + "\n".join(found)


def test_no_module_level_cache_in_the_analysis_or_the_readers():
    found = []
    for name, path in MODULES.items():
        if not (name.startswith("newskit.nlp") or name.startswith("newskit.read")):
            continue
        if name == "newskit.nlp.tablecache":
            continue  # the on-disk cache of derived library tables, keyed by the libraries' files
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                for dec in node.decorator_list:
                    target = dec.func if isinstance(dec, ast.Call) else dec
                    label = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                    if label in CACHES:
                        found.append(f"{path.relative_to(PKG.parent)}:{node.lineno}: @{label} {node.name}")
    assert not found, "module-level caches:\n" + "\n".join(found)


def _graph() -> Dict[str, Set[str]]:
    graph: Dict[str, Set[str]] = {}
    for name, path in MODULES.items():
        graph[name] = {t for t, _, _ in _imports(name, path, top_level_only=False) if t in MODULES and t != name}
    return graph


def test_no_import_circle_between_files():
    graph = _graph()
    pairs = sorted({tuple(sorted((a, b))) for a, outs in graph.items() for b in outs
                    if a in graph.get(b, ()) and not (a.startswith(b + ".") or b.startswith(a + "."))})
    assert not pairs, f"files importing each other: {pairs}"


def _all_imports(name: str) -> Set[str]:
    return {t for t, _, _ in _imports(name, MODULES[name], top_level_only=False) if t in MODULES}


def test_imports_run_one_way():
    wrong = []
    for name in MODULES:
        role = name.split(".")[1] if name.count(".") else ""
        for target in _all_imports(name):
            trole = target.split(".")[1] if target.count(".") else ""
            if role in ("read", "nlp", "write") and trole == "cli":
                wrong.append(f"{name} imports the command module {target}")
            if role == "write" and trole in ("nlp", "read"):
                wrong.append(f"{name} (a writer) imports {target}")
    assert not wrong, "\n".join(wrong)


def test_at_most_eight_modules_at_the_top():
    top = sorted(p.name for p in PKG.glob("*.py"))
    assert len(top) <= 8, top
