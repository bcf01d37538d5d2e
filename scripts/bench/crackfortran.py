# F2Py's crackfortran timed in-process (interpreter start-up excluded), for scripts/bench/parse.ts.
#
#   python3 crackfortran.py probe LIST OUT.json   crack each file alone (in parallel, untimed) and
#                                                 list the files crackfortran rejects, with why
#   python3 crackfortran.py time LIST OUT.json    crackfortran(all files) once, timed with perf_counter
#
# LIST holds one path per line. Results go to OUT.json; crackfortran's own chatter goes to
# stdout/stderr, which the caller discards.
import json
import multiprocessing
import os
import sys
import time

import numpy.f2py.crackfortran as crack


def crack_one(path):
    crack.reset_global_f2py_vars()
    try:
        crack.crackfortran([path])
        return None
    except BaseException as err:  # crackfortran raises bare Exception (and SystemExit) on bad input
        return (path, ' '.join(str(err).split())[:160])


def probe(files):
    with multiprocessing.Pool(os.cpu_count() or 1) as pool:
        rejects = [r for r in pool.map(crack_one, files, chunksize=16) if r]
    return {'rejected': [{'file': f, 'why': why} for f, why in rejects]}


def timed(files):
    crack.reset_global_f2py_vars()
    t0 = time.perf_counter()
    blocks = crack.crackfortran(files)
    ms = (time.perf_counter() - t0) * 1000
    return {'ms': ms, 'blocks': len(blocks)}


def main():
    mode, list_file, out_file = sys.argv[1:4]
    with open(list_file) as f:
        files = [line.strip() for line in f if line.strip()]
    result = probe(files) if mode == 'probe' else timed(files)
    with open(out_file, 'w') as f:
        json.dump(result, f)


if __name__ == '__main__':
    main()
