"""Duplicates: URL spellings, same text, near-identical copies, clashing ids, URL helpers."""

from __future__ import annotations

from pathlib import Path

from index.ingest import load_articles, normalize_url, source_from_url
from tests.index.ingest.helpers import BODY, jsonl, load, write


def test_same_url_in_other_spellings_is_indexed_once(tmp_path: Path) -> None:
    write(
        tmp_path / "a.jsonl",
        jsonl(
            {"url": "https://www.example.com/story/1/", "text": "First version."},
            {"url": "http://example.com/story/1", "text": "Second version."},
            {"url": "https://EXAMPLE.com/story/1?utm_source=x#top", "text": "Third version."},
            {"url": "https://example.com/story/2", "text": "Other story."},
        ),
    )
    articles, report = load(tmp_path)
    assert [a.text for a in articles] == ["First version.", "Other story."]
    assert report.duplicates == 2 and report.articles == 2


def test_same_text_in_two_files_is_indexed_once(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"Budget passes\n\n{BODY}")
    write(tmp_path / "b.txt", "Budget passes again\n\n" + BODY.replace(" ", "   ") + "\n\n\n")
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert report.duplicates == 1


LONG = (
    "The city council voted on Monday to approve a budget of 2 billion dollars for the coming "
    "year, ending months of debate over police funding, school repairs and a new library. "
    "Council members said the plan raises property taxes slightly while cutting fees for small "
    "businesses. The mayor, who had threatened a veto, said she would sign it because the final "
    "version restored money for parks and after-school programmes that had been cut in spring. "
    "Opponents said the budget relied on optimistic revenue forecasts and warned of deficits.\n\n"
    "The vote came after a public hearing that lasted nearly six hours, during which dozens of "
    "residents spoke for and against the spending plan. Teachers asked for more money for "
    "classroom supplies, while a group of shop owners urged the council to delay the tax "
    "increase until the local economy recovers. The finance director told members that the city "
    "would review its revenue estimates in the autumn and propose changes if sales tax receipts "
    "fall short. The budget takes effect on the first of July."
)


def test_near_identical_copy_is_indexed_once(tmp_path: Path) -> None:
    # A re-scrape of the same story with a credit line added at the end.
    copy = LONG + "\n\nThis story was first published by the Wire news service on Monday."
    write(tmp_path / "a.jsonl", jsonl({"id": "orig", "text": LONG}, {"id": "copy", "text": copy}))
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["orig"]
    assert (report.duplicates, report.near_duplicates) == (1, 1)
    assert "(1 near-identical)" in report.summary()


def test_near_duplicate_detection_can_be_turned_off(tmp_path: Path) -> None:
    copy = LONG.replace("Monday", "Tuesday")
    write(tmp_path / "a.jsonl", jsonl({"id": "orig", "text": LONG}, {"id": "copy", "text": copy}))
    articles = load_articles([tmp_path], near_duplicate_similarity=None)
    assert [a.id for a in articles] == ["orig", "copy"]


def test_articles_sharing_a_paragraph_are_not_near_duplicates(tmp_path: Path) -> None:
    other = (
        (
            "Heavy rain flooded several streets downtown on Sunday night, and firefighters rescued "
            "four people from cars stranded in rising water near the river, officials said. "
        )
        * 2
        + LONG.split(". ")[0]
        + "."
    )
    short_a, short_b = "Stocks rose on Monday.", "Stocks rose on Tuesday."
    write(
        tmp_path / "a.jsonl",
        jsonl(*({"id": str(n), "text": t} for n, t in enumerate([LONG, other, short_a, short_b]))),
    )
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["0", "1", "2", "3"]
    assert report.duplicates == 0


def test_clashing_ids_are_made_unique(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "One\n\nFirst text.")
    write(tmp_path / "a.md", "Two\n\nSecond text.")
    write(tmp_path / "x.jsonl", jsonl({"id": "a", "text": "Third text."}))
    articles, _ = load(tmp_path)
    assert [a.id for a in articles] == ["a", "a-2", "a-3"]  # a.md sorts before a.txt


def test_url_helpers() -> None:
    assert (
        normalize_url("https://www.Example.com/a/b/?utm_medium=x&id=3#frag")
        == "example.com/a/b?id=3"
    )
    assert normalize_url("http://example.com/a/b?id=3") == "example.com/a/b?id=3"
    assert source_from_url("https://www.usatoday.com/story/x") == "usatoday.com"
    assert source_from_url(None) is None


def test_the_same_story_from_two_outlets_is_kept_and_a_copy_from_one_outlet_dropped(
    tmp_path: Path,
) -> None:
    # One wire story: the AP's copy, Reuters' near-identical one, Reuters' own re-scrape
    # and the BBC's verbatim copy. Only the re-scrape repeats its own outlet.
    credit = "\n\nThis story was first published by the Wire news service on Monday."
    write(
        tmp_path / "a.jsonl",
        jsonl(
            {"id": "ap", "source": "AP", "text": LONG},
            {"id": "reuters", "source": "Reuters", "text": LONG + credit},
            {"id": "reuters-again", "source": "Reuters", "text": LONG + credit + " Updated."},
            {"id": "bbc", "source": "BBC", "text": LONG},
            {"id": "bbc-again", "source": "bbc", "text": "  " + LONG},
        ),
    )
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["ap", "reuters", "bbc"]
    assert (report.duplicates, report.near_duplicates) == (2, 1)
