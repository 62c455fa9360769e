"""The word lists: one speech-verb lexicon, consistent with itself."""

from __future__ import annotations

from collections import Counter

from index.quotes.lexicon import CUES, SPEECH_VERBS, WEAK_CUES


def test_no_cue_form_belongs_to_two_lemmas() -> None:
    forms = Counter(form for forms in SPEECH_VERBS.values() for form in forms)
    assert [form for form, n in forms.items() if n > 1] == []


def test_every_weak_cue_is_a_lemma_of_the_lexicon() -> None:
    assert WEAK_CUES - set(SPEECH_VERBS) == set()


def test_cues_map_each_form_to_its_lemma() -> None:
    assert (CUES["said"], CUES["told"], CUES["proclaimed"]) == ("say", "tell", "proclaim")
