"""Ingest: publication dates from text, titles, sniffing."""
import pytest

from newskit.nlp.data import DocumentData
from newskit.read.ingest import dateline_date, parse_published, sniff

SHARED = DocumentData.load()


@pytest.mark.parametrize("text,want", [
    ("Harbour plan approved\nMarch 15, 2023\n\nThe council met.", "2023-03-15"),
    ("Harbour plan approved\nPublished: 15 March 2023 10:30 GMT\nThe council met.", "2023-03-15"),
    ("LONDON, March 15, 2023 — The council met on Monday.", "2023-03-15"),
    ("Harbour plan\nBy Jane Doe | Mar 3, 2022\nThe council met.", "2022-03-03"),
    ("Harbour plan\nUpdated 2023-01-02T10:00:00Z\nBody.", "2023-01-02"),
    # a date inside a sentence is news, not the publication date
    ("Harbour plan\nThe meeting on 12 January 2024 was long.\nMore text.", None),
    ("Harbour plan\nThe council met.\n" + "Filler sentence here.\n" * 10 + "March 15, 2023", None),
    ("No date at all.", None),
])
def test_dateline_date(text, want):
    assert dateline_date(text, SHARED) == want


@pytest.mark.parametrize("value,want", [
    ("2021-10-19", "2021-10-19"),
    ("2021-10-19T08:00:00+02:00", "2021-10-19"),
    ("October 19, 2021", "2021-10-19"),
    ("2021-13-45", None),
    ("yesterday", None),
    (20211019, None),
    (None, None),
])
def test_parse_published(value, want):
    assert parse_published(value) == want


@pytest.mark.parametrize("head,kind", [
    (b'{"id": 1, "text": "x"}\n', "jsonl"),
    (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
    (b"<html lang='en'><head>", "html"),
    (b"Plain words about <b>nothing</b>.", "text"),
])
def test_sniff(head, kind):
    assert sniff(head) == kind
