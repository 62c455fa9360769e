import json
from bench.common import bench_settings, OUT
from index.library import Library
from bot.evidence import missing_names
s = bench_settings(OUT / "rtqa-merged-index")
lib = Library(s); sr = lib.searcher()
byurl = {}
for a in sr.articles.values():
    byurl.setdefault(a.url, a)
res = []
for st, f in [("tune","realtimeqa-tune"),("dev","realtimeqa-dev"),("offtune","offtopic-tune"),("offrep","offtopic-report")]:
    for r in map(json.loads, open(f"bench/out/notfound-{f}.jsonl")):
        if not r["found"]:
            res.append(dict(set=st, q=r["question"], found=False)); continue
        cits = r["citations"]
        sent = [c.get("text") or "" for c in cits]
        arts = [byurl[c["url"]] for c in cits if c.get("url") in byurl]
        out = dict(set=st, q=r["question"], found=True)
        for name, texts in (("sent", sent), ("art", [f"{a.title}\n{a.text}" for a in arts]), ("art1", [f"{a.title}\n{a.text}" for a in arts[:1]])):
            miss = missing_names(r["question"], texts)
            out[name] = dict(zip(miss, sr.rarity(miss))) if miss else {}
        res.append(out)
json.dump(res, open(".scratch/names3.json","w"))
