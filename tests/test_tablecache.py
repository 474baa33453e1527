"""The user cache of derived tables: same answers with or without it, never a failure because of it."""
import json
import os
import stat

import pytest

from newskit.nlp import tablecache
from newskit.nlp import givennames
from newskit.nlp.data import DocumentData, installed_folder
from newskit.nlp.entities import DEFAULT_CONFIG, EntitiesConfig, EntityData


def new_places():
    """A new pipeline's gazetteer (built, or read from the cache, on its first lookup)."""
    data = EntityData.load(installed_folder("entities"), DocumentData.load(), EntitiesConfig.from_cfg(DEFAULT_CONFIG))
    return data.places


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSKIT_CACHE_DIR", str(folder))
    monkeypatch.delenv("NEWSKIT_NO_CACHE", raising=False)
    return folder


def counting(table):
    calls = []

    def build():
        calls.append(1)
        return table
    return build, calls


def test_a_table_is_built_once_then_read_back(cache):
    build, calls = counting({"a": "m"})
    assert tablecache.cached("t", "k1", build) == {"a": "m"}
    assert tablecache.cached("t", "k1", build) == {"a": "m"}
    assert len(calls) == 1
    assert [p.name for p in cache.iterdir()] == ["t-k1.json"]


def test_other_inputs_mean_another_entry(cache):
    build, calls = counting({"a": "m"})
    tablecache.cached("t", "k1", build)
    tablecache.cached("t", "k2", build)
    assert len(calls) == 2


def test_a_corrupt_or_foreign_entry_is_rebuilt(cache):
    cache.mkdir()
    (cache / "t-k1.json").write_text('{"a": "m"', encoding="utf-8")   # cut short
    build, calls = counting({"a": "f"})
    assert tablecache.cached("t", "k1", build) == {"a": "f"}
    assert json.loads((cache / "t-k1.json").read_text(encoding="utf-8")) == {"a": "f"}
    (cache / "t-k1.json").write_text('[1, 2]', encoding="utf-8")    # valid JSON, wrong shape
    assert tablecache.cached("t", "k1", build, lambda t: isinstance(t, dict)) == {"a": "f"}
    assert len(calls) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_folder_still_gives_the_table(cache):
    cache.mkdir()
    cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        build, calls = counting({"a": "m"})
        assert tablecache.cached("t", "k1", build) == {"a": "m"}
        assert tablecache.cached("t", "k1", build) == {"a": "m"}
        assert len(calls) == 2 and list(cache.iterdir()) == []
    finally:
        cache.chmod(stat.S_IRWXU)


def test_a_cache_folder_that_cannot_exist_still_gives_the_table(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSKIT_CACHE_DIR", str(blocker / "cache"))
    build, calls = counting({"a": "m"})
    assert tablecache.cached("t", "k1", build) == {"a": "m"}


def test_the_cache_can_be_turned_off(cache, monkeypatch):
    monkeypatch.setenv("NEWSKIT_NO_CACHE", "1")
    build, calls = counting({"a": "m"})
    tablecache.cached("t", "k1", build)
    tablecache.cached("t", "k1", build)
    assert len(calls) == 2 and not cache.exists()


def test_old_entries_are_pruned(cache):
    for i in range(tablecache.KEEP + 3):
        tablecache.cached("t", f"k{i}", lambda: {})
        os.utime(cache / f"t-k{i}.json", ns=(i * 10**9, i * 10**9))
    tablecache.cached("t", "last", lambda: {})
    assert len(list(cache.glob("t-*.json"))) == tablecache.KEEP


def test_the_key_follows_the_content_of_language_data(tmp_path):
    data = tmp_path / "lexicon.json"
    data.write_text('{"a": 1}')
    before = tablecache.key([], [data], [])
    assert tablecache.key([], [data], []) == before
    data.write_text('{"a": 2}')
    assert tablecache.key([], [data], []) != before


def test_places_and_given_names_are_the_same_from_the_cache(cache, monkeypatch):
    monkeypatch.setenv("NEWSKIT_NO_CACHE", "1")
    fresh = new_places()
    assert fresh.kind and not list(cache.glob("places-*.json"))
    genders = givennames._build()
    monkeypatch.delenv("NEWSKIT_NO_CACHE")
    assert new_places().kind == fresh.kind    # builds and stores
    again = new_places()                      # reads the entry
    assert again.kind == fresh.kind and again.country_name == fresh.country_name
    assert again.headline_cities == fresh.headline_cities
    assert again.kind_of("Parana") == fresh.kind_of("Paraná") == "region"
    assert again.canonical("the U.S.") == "United States"
    names = ["Maria", "MARIA", "Thomas", "Kim", "Zoë", "Jean-Pierre", "Okafor", ""]
    answers = []
    for off in ("1", ""):   # the library itself, then the cached table (written, then read)
        monkeypatch.setenv("NEWSKIT_NO_CACHE", off)
        for _ in range(2):
            lookups = givennames.GivenNames()  # a new pipeline's: reads the table anew
            answers.append([lookups.gender(n) for n in names])
    assert answers[0][:4] == ["f", "f", "m", ""]
    assert all(a == answers[0] for a in answers)
    assert json.loads(next(cache.glob("given-names-*.json")).read_text(encoding="utf-8")) == genders


def test_the_given_name_table_answers_as_the_library_does():
    det = givennames._detector()
    table = givennames._build()
    sure = {"male": "m", "female": "f"}
    wrong = [n for n in det.names if table.get(n, "") != sure.get(det.get_gender(n), "")]
    assert wrong == []
