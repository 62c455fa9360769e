import json
from bench.common import bench_settings, OUT, read_jsonl, dataset, OFFTOPIC_TUNE, EVAL
from index.library import Library
from bot.evidence import missing_names
from bot.question import parse_question
s = bench_settings(OUT / "rtqa-merged-index")
lib = Library(s); sr = lib.searcher()
rows = json.load(open(".scratch/names.json"))
for r in rows:
    pq = parse_question(r["q"])
    hits = sr.search(pq.search_text, k=s.answer.passages)
    arts = {h.article_id: sr.articles[h.article_id] for h in hits}
    r["names"] = {}
    for k in (1, 2, 3, 5, 8):
        miss = missing_names(pq.text, [h.text for h in hits[:k]])
        r["names"][k] = dict(zip(miss, sr.rarity(miss))) if miss else {}
    miss = missing_names(pq.text, [f"{x.title}\n{x.text}" for x in arts.values()])
    r["names"]["art"] = dict(zip(miss, sr.rarity(miss))) if miss else {}
json.dump(rows, open(".scratch/names2.json", "w"))
