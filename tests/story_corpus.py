"""A made-up corpus for the story tests: one wire story told by three outlets, and two outlets
that disagree about a claim. Shared by tests/index and tests/bot."""

from __future__ import annotations

import json
from pathlib import Path

WIRE = (
    "The Elm Street bridge over the Tamsin river was closed to all traffic on Monday after "
    "engineers found deep cracks in two of its steel supports during a routine inspection, the "
    "city's transport department said. Buses that cross the bridge every few minutes were sent "
    "on a detour through the old town, adding about twenty minutes to journeys for thousands of "
    "commuters. The department said the bridge, which opened in 1962 and carries about 40,000 "
    "vehicles a day, would stay closed for at least six weeks while the supports are repaired. "
    "Shop owners on both banks warned that the closure would cost them customers during the "
    "busiest month of the year, and asked the council for help with lost income. A spokesman "
    "for the department said pedestrians could still use the footpath on the east side of the "
    "bridge, which is carried on a separate frame and was not affected by the cracks."
)
# The other outlets' edits: a dateline, a sentence cut, a paragraph of their own.
REUTERS = (
    "TAMSIN (Reuters) - "
    + WIRE.replace(" Shop owners on both banks warned", " Shopkeepers on both banks warned")
    + "\n\nThe council said it would discuss the shop owners' request at its next meeting."
)
BBC = (
    WIRE.replace(
        " Buses that cross the bridge every few minutes were sent on a detour through the old "
        "town, adding about twenty minutes to journeys for thousands of commuters.",
        "",
    )
    + "\n\nLocal MP Sarah Linden said the closure showed years of neglect."
)
OTHER = (
    "Heavy rain flooded several streets in the harbour district on Sunday night, and "
    "firefighters rescued four people from cars stranded in rising water near the fish market, "
    "officials said. The flood barrier, built after the storms of 1990, held, but drains on "
    "the low streets behind it could not carry the water away fast enough. Residents said the "
    "same streets had flooded twice in the past year and called for new pumps. The council "
    "said it would publish a report on the drains within a month and compensate shop owners "
    "whose stock was damaged by the water."
)
# Two outlets that disagree: a mayor's claim, and a ministry's denial reported the next day.
CLAIM = (
    "Mayor Anna Kowalski said on Friday that the city had received a federal grant of 40 "
    'million dollars to rebuild the harbour wall. "The money arrived this week and work '
    'starts in May," Kowalski told reporters at the town hall. The harbour wall was damaged '
    "in the winter storms."
)
DENIAL = (
    "The federal transport ministry denied on Saturday that it had paid a grant to the city "
    "for the harbour wall, contrary to the mayor's statement on Friday. \"No such payment "
    'has been made and no grant has been approved," ministry spokeswoman Lena Brandt said. '
    "The ministry said the city's application was still being reviewed."
)

ARTICLES = [
    # id, source, date, title, text
    ("ap-bridge", "AP", "2025-11-02", "Elm Street bridge closed after cracks found", WIRE),
    ("reuters-bridge", "Reuters", "2025-11-02", "Cracked bridge shut in Tamsin", REUTERS),
    ("bbc-bridge", "BBC", "2025-11-03", "Tamsin bridge shut for six weeks", BBC),
    ("flood", "AP", "2025-11-01", "Floods in the harbour district", OTHER),
    ("herald-grant", "Harbour Herald", "2025-12-10", "City gets grant for harbour wall", CLAIM),
    ("gazette-grant", "Coast Gazette", "2025-12-11", "Ministry denies harbour grant", DENIAL),
]


def record(aid: str, source: str, day: str, title: str, text: str) -> dict[str, str]:
    slug = source.lower().replace(" ", "")
    return {
        "id": aid,
        "title": title,
        "url": f"https://{slug}.example/{aid}",
        "source": source,
        "published_at": day,
        "text": text,
    }


def write_corpus(folder: Path, articles: list[tuple[str, str, str, str, str]] = ARTICLES) -> Path:
    """The articles as one JSONL file in `folder`; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "news.jsonl", "w", encoding="utf-8") as fh:
        for row in articles:
            fh.write(json.dumps(record(*row)) + "\n")
    return folder
