"""Who said what: rule-based extraction of statements (direct quotes and reported speech).

The extractor follows the classic rule-based quote attribution recipe (a cue-verb lexicon,
capitalised-name chunking, quote pairing and recency-based coreference) because no NLP model
can be loaded at run time. For each article it:

1. splits paragraphs into quote-aware sentence units (blingfire, then repaired so that a quote
   is never cut in two and `."  "` starts a new unit): `tokens`;
2. finds attributions in each unit: `"Q," SPEAKER CUE.`, `"Q," CUE SPEAKER.`, `SPEAKER CUE: "Q"`,
   `SPEAKER CUE (that) CLAUSE`, `CLAUSE, SPEAKER CUE.`, `according to SPEAKER`,
   `... quoted SPEAKER as saying`, `, adding that CLAUSE`: `cues` and `patterns`, with the
   speaker noun phrases read by `mentions`;
3. resolves the speaker mention: a name with its title and role ("Kremlin spokesman Dmitry
   Peskov"), a surname ("Peskov"), a pronoun (the most recent compatible speaker), a definite
   role ("the spokesman", resolved to the person introduced with that role): `coreference`;
4. attaches unattributed quotes that continue an attributed one (`"A," he said. "B."`):
   `extraction`.

The word lists of all steps are in `lexicon`. Every `Statement.text` is exactly
`article.text[start:end]`.
"""

from index.quotes.extraction import extract_statements

# Bump when the extraction rules change: a build then re-extracts the statements of unchanged
# articles (their passages and vectors are still reused), so an upgrade takes effect without
# `newsbot index --rebuild`.
EXTRACTOR_VERSION = 55

__all__ = ["EXTRACTOR_VERSION", "extract_statements"]
