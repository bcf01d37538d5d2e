# Call overhead in one Python process for calls.ts: F2Py module `ovf2py` (built in DIR) and SciPy's ddot, via timeit.
# Usage: /usr/bin/python3 overhead.py DIR N ROUNDS NUMBER  -> JSON {name: [ns/call per round], ...} on stdout.
import json
import sys
import timeit

import numpy as np

d, n, rounds, number = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = np.arange(1, n + 1, dtype=np.float64)
y = np.ones(n, dtype=np.float64)
env = {'x': x, 'y': y}
stmts = {}
try:
    sys.path.insert(0, d)
    import ovf2py
    env['m'] = ovf2py
    assert ovf2py.add(1.0, 2.0) == 3.0 and ovf2py.dsum(x) == x.sum() and ovf2py.ddot(x, y) == x.sum()
    stmts.update({'f2py add': 'm.add(1.5, 2.5)', 'f2py dsum': 'm.dsum(x)', 'f2py ddot': 'm.ddot(x, y)'})
except Exception as e:  # reported as skipped by calls.ts
    print(f'f2py module: {e}', file=sys.stderr)
try:
    from scipy.linalg.blas import ddot
    env['ddot'] = ddot
    assert ddot(x, y) == x.sum()
    stmts['scipy ddot'] = 'ddot(x, y)'
except Exception as e:
    print(f'scipy: {e}', file=sys.stderr)
out = {}
for name, stmt in stmts.items():
    t = timeit.Timer(stmt, globals=env)
    t.timeit(number)  # warm-up
    out[name] = [s * 1e9 / number for s in t.repeat(rounds, number)]
print(json.dumps(out))
