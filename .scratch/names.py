import sys, json
from bench.common import bench_settings, OUT, read_jsonl, dataset, OFFTOPIC_TUNE, EVAL
from index.library import Library
from bot.answer import Answerer, rare_missing_names, candidate_sentences
from bot.question import parse_question
s = bench_settings(OUT / "rtqa-merged-index")
lib = Library(s); a = Answerer(lib, s)
sets = {"tune": [q["question"] for q in read_jsonl(dataset("realtimeqa-tune").questions)],
        "dev": [q["question"] for q in read_jsonl(dataset("realtimeqa-dev").questions)],
        "offtune": [q["question"] for q in read_jsonl(OFFTOPIC_TUNE)],
        "offrep": [q["question"] for q in read_jsonl(EVAL / "offtopic-questions.jsonl")]}
sr = lib.searcher()
out = []
for name, qs in sets.items():
    for q in qs:
        pq = parse_question(q)
        hits = sr.search(pq.search_text, k=s.answer.passages)
        arts = {h.article_id: sr.articles[h.article_id] for h in hits}
        m_art = rare_missing_names(pq.text, [f"{x.title}\n{x.text}" for x in arts.values()], sr)
        res = {}
        for k in (1, 3, 5, 10):
            res[k] = rare_missing_names(pq.text, [h.text for h in hits[:k]], sr)
        ev = a.evidence(q)
        out.append(dict(set=name, q=q, art=m_art, p=res, prob=ev.probability if ev else None))
json.dump(out, open(".scratch/names.json", "w"))
