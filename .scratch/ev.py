import sys, json
from bench.common import bench_settings, OUT
from index.library import Library
from bot.answer import Answerer, rare_missing_names
from bot.question import parse_question
s = bench_settings(OUT / "rtqa-merged-index")
lib = Library(s); a = Answerer(lib, s)
qs = [l.strip() for l in open(sys.argv[1]) if l.strip()]
for q in qs:
    ev = a.evidence(q)
    pq = parse_question(q)
    print("Q:", q[:110]); print("   kind", pq.kind, "search:", pq.search_text[:80])
    print("   ", ev)
