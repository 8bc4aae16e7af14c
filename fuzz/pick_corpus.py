"""Picks a small, diverse replay corpus from a libFuzzer merge control file.

Greedy set cover: takes, N times, the input that adds the most coverage edges not yet covered
(then the most features, then the smallest). See fuzz/README.md for how the control file is made.

    python3 fuzz/pick_corpus.py CONTROL_FILE OUT_DIR N
"""
import sys, os, shutil
ctl, outdir, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(ctl).read().split('\n')
nfiles = int(lines[0]); files = lines[2:2+nfiles]
cov, ft = {}, {}
for l in lines[2+nfiles:]:
    p = l.split()
    if not p: continue
    if p[0] == 'COV': cov[int(p[1])] = set(p[2:])
    if p[0] == 'FT': ft[int(p[1])] = set(p[2:])
allcov = set().union(*cov.values()); allft = set().union(*ft.values())
got_c, got_f, chosen = set(), set(), []
for _ in range(min(n, len(cov))):
    best = max((i for i in cov if i not in chosen),
               key=lambda i: (len(cov[i]-got_c), len(ft.get(i,set())-got_f), -os.path.getsize(files[i])))
    chosen.append(best); got_c |= cov[best]; got_f |= ft.get(best, set())
print(f"{len(chosen)} files cover {len(got_c)}/{len(allcov)} edges, {len(got_f)}/{len(allft)} features")
os.makedirs(outdir, exist_ok=True)
for i in chosen:
    shutil.copy(files[i], os.path.join(outdir, os.path.basename(files[i])))
