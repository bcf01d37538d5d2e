# SciPy rows of the linalg benchmark (linalg.ts), in one /usr/bin/python3 process.
#
#   linalg.py ddot ROUNDS NUMBER          -> {"ddot": [ns/call per round]}  (timeit, x = [1..4], y = ones(4))
#   linalg.py mat DIR SPEC...             SPEC = routine:n:rounds:calls (as blas-c.c; ddot, dgemm or dgesv)
#       -> {"rows": {"dgemm 1024": [ms per call per round], ...}, "check": {...}, "threads": T, "blas": path}
#
# Matrices come from DIR/a-N.bin, b-N.bin, rhs-N.bin (float64, column-major) as Fortran-ordered arrays, so
# F2Py passes them without a copy; ddot's vectors from DIR/x-N.bin, y-N.bin. dgemm(1.0, a, b, 0.0, c, overwrite_c=1) writes into c allocated once;
# dgesv(a, rhs) keeps SciPy's defaults overwrite_a=overwrite_b=0 (F2Py copies both inputs on every call).
# The OpenBLAS thread count comes from OPENBLAS_NUM_THREADS (set by linalg.ts) and is read back by ctypes.
import ctypes
import json
import sys
import time
import timeit

import numpy as np
from scipy.linalg.blas import ddot, dgemm
from scipy.linalg.lapack import dgesv


def openblas():
    """(path, thread count) of the OpenBLAS loaded in this process, or (path of the BLAS, None)."""
    libs = sorted({line.split()[-1] for line in open('/proc/self/maps') if 'blas' in line.lower() and '.so' in line and 'scipy' not in line})
    for lib in libs:
        try:
            return lib, ctypes.CDLL(lib).openblas_get_num_threads()
        except (OSError, AttributeError):
            pass
    return (libs[0] if libs else 'unknown'), None


def main(argv):
    if argv[0] == 'ddot':
        rounds, number = int(argv[1]), int(argv[2])
        x = np.arange(1, 5, dtype=np.float64)
        y = np.ones(4, dtype=np.float64)
        assert ddot(x, y) == 10.0
        t = timeit.Timer('ddot(x, y)', globals={'ddot': ddot, 'x': x, 'y': y})
        t.timeit(number)  # warm-up
        return {'ddot': [s * 1e9 / number for s in t.repeat(rounds, number)]}
    d = argv[1]
    rows, check = {}, {}
    for spec in argv[2:]:
        routine, n, rounds, calls = spec.split(':')
        n, rounds, calls = int(n), int(rounds), int(calls)
        load = lambda what, shape: np.asfortranarray(np.fromfile(f'{d}/{what}-{n}.bin', dtype=np.float64).reshape(shape, order='F'))
        if routine == 'ddot':
            x, y = load('x', (n,)), load('y', (n,))
            call = lambda: ddot(x, y)
        elif routine == 'dgemm':
            a = load('a', (n, n))
            b = load('b', (n, n))
            c = np.zeros((n, n), dtype=np.float64, order='F')
            call = lambda: dgemm(1.0, a, b, 0.0, c, overwrite_c=1)
        else:
            a, rhs = load('a', (n, n)), load('rhs', (n, 1))
            call = lambda: dgesv(a, rhs)
        samples = []
        for r in range(-1, rounds):  # round -1: warm-up
            t0 = time.perf_counter()
            for _ in range(calls):
                out = call()
            if r >= 0:
                samples.append((time.perf_counter() - t0) * 1e3 / calls)
        if routine == 'ddot':
            check[f'{routine} {n}'] = float(out)
        elif routine == 'dgemm':
            assert out is c or np.shares_memory(out, c), 'dgemm copied c despite overwrite_c=1'
            check[f'{routine} {n}'] = float(out.sum())
        else:
            assert out[3] == 0, f'dgesv info {out[3]}'
            check[f'{routine} {n}'] = float(out[2].sum())
        rows[f'{routine} {n}'] = samples
    lib, threads = openblas()
    return {'rows': rows, 'check': check, 'threads': threads, 'blas': lib}


if __name__ == '__main__':
    print(json.dumps(main(sys.argv[1:])))
