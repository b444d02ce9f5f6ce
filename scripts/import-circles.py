"""Prints the import graph of a Rust module folder (default src/app): one node per file, an edge
for every `use crate::app::…`, `use super::…` or `super::…::` path into another file of it, and
the circles (strongly connected components of more than one file). Names re-exported by the
folder's mod.rs end at mod.rs. Usage: python3 scripts/import-circles.py [src/app]"""
import os, re, sys
root = sys.argv[1] if len(sys.argv) > 1 else 'src/app'
files = {}
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.rs'):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root)[:-3]
            mod = rel.replace('/mod', '').replace('/', '::') if rel != 'mod' else ''
            files[mod] = p
def resolve(cur, path):
    parts = path.split('::')
    base = cur.split('::') if cur else []
    # the module a file is: for x/mod.rs cur is x; for x/y.rs cur is x::y and super is x
    if parts[0] == 'crate':
        if len(parts) > 1 and parts[1] == 'app':
            parts = parts[2:]; base = []
        else:
            return None
    else:
        while parts and parts[0] in ('super', 'self'):
            if parts[0] == 'super':
                base = base[:-1]
            parts = parts[1:]
    full = base + parts
    while full:
        name = '::'.join(full)
        if name in files:
            return name
        full = full[:-1]
    return '' if '' in files else None
edges = {m: set() for m in files}
for m, p in files.items():
    src = open(p).read()
    src = re.sub(r'#\[cfg\(test\)\]\s*mod tests\s*\{.*', '', src, flags=re.S)
    for u in re.findall(r'\buse\s+((?:crate|super|self)(?:::\w+)*)(?:::\{([^;]*)\})?', src):
        head, group = u
        targets = [head]
        if group:
            for item in re.split(r',', group):
                item = item.strip().split(' as ')[0].strip('{} \n')
                if item:
                    targets.append(head + '::' + item.split('::')[0] if '::' in item else head + '::' + item)
        for t in targets:
            r = resolve(m, t)
            if r is not None and r != m:
                edges[m].add(r)
    for u in re.findall(r'\b((?:super|crate::app)(?:::\w+)+)::', src):
        r = resolve(m, u)
        if r is not None and r != m:
            edges[m].add(r)
# Tarjan
index = {}; low = {}; stack = []; on = set(); sccs = []; i = [0]
sys.setrecursionlimit(10000)
def strong(v):
    index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index:
            strong(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        c = []
        while True:
            w = stack.pop(); on.discard(w); c.append(w)
            if w == v: break
        sccs.append(c)
for v in edges:
    if v not in index:
        strong(v)
cyc = [sorted(c) for c in sccs if len(c) > 1]
n_edges = sum(len(e) for e in edges.values())
print(f"{len(files)} files, {n_edges} internal imports, {len(cyc)} circles")
for c in cyc:
    print(f"  circle of {len(c)}: {', '.join(x or 'mod' for x in c)}")
