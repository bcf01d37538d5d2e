"""SciPy as the reference for bridgegen/linalg tests (test/helpers/scipy.ts).

Reads a JSON list of cases on stdin: {"fn": "blas.ddot" | "lapack.dgesv", "args": [...],
"kwargs": {...}}; values are numbers, booleans, {"re", "im"}, arrays {"dtype", "shape", "data"}
with data flat in column-major order (complex interleaved re, im), or {"callback": name}, one
of CALLBACKS (the same functions as in test/helpers/scipy.ts).
Writes a JSON list of {"names": [...], "values": [...]} (or {"error": "..."}) on stdout, the
names taken from the first line of SciPy's docstring (`lu,piv,x,info = dgesv(...)`).
"""
import json
import sys

import numpy as np
import scipy.linalg.blas as blas
import scipy.linalg.lapack as lapack

MODULES = {"blas": blas, "lapack": lapack}


def left_half_plane(a, b=None, c=None):
    """gees/gges's select: the eigenvalue has a negative real part. Called with (wr, wi) or (w) by
    gees, (alphar, alphai, beta) or (alpha, beta) by gges (lambda = alpha/beta). Named parameters
    with defaults, not *args: F2Py passes as many arguments as the function names."""
    if c is not None:
        return a * c < 0
    if b is not None and isinstance(a, complex):
        return (a * b.conjugate()).real < 0
    return complex(a).real < 0


CALLBACKS = {"lhp": left_half_plane}
COMPLEX = {"complex64": np.float32, "complex128": np.float64}


def decode(v):
    if isinstance(v, dict) and "dtype" in v:
        dtype = v["dtype"]
        flat = np.array(v["data"], dtype=COMPLEX.get(dtype, dtype))
        if dtype in COMPLEX:
            flat = flat[0::2] + 1j * flat[1::2]
        return np.asfortranarray(flat.astype(dtype).reshape(v["shape"], order="F"))
    if isinstance(v, dict) and "callback" in v:
        return CALLBACKS[v["callback"]]
    if isinstance(v, dict) and "re" in v:
        return complex(v["re"], v["im"])
    return v


def encode(v):
    if isinstance(v, np.ndarray):
        flat = v.reshape(-1, order="F")
        if np.iscomplexobj(flat):
            data = np.empty(2 * flat.size)
            data[0::2], data[1::2] = flat.real, flat.imag
        else:
            data = flat
        return {"dtype": str(v.dtype), "shape": list(v.shape), "data": [float(x) for x in data]}
    if isinstance(v, (bytes, np.bytes_)):  # a CHARACTER output (gesvx's equed): b'N' -> "N"
        return v.decode()
    if isinstance(v, (complex, np.complexfloating)):
        return {"re": float(v.real), "im": float(v.imag)}
    if isinstance(v, (np.integer, int)):
        return int(v)
    return float(v)


def names(fn):
    head = fn.__doc__.strip().split("\n")[0]
    return [n.strip() for n in head.split("=")[0].split(",")] if "=" in head else []


def run(case):
    module, name = case["fn"].split(".")
    fn = getattr(MODULES[module], name)
    try:
        out = fn(*[decode(a) for a in case["args"]], **{k: decode(v) for k, v in case.get("kwargs", {}).items()})
    except Exception as e:  # the reference's own error: the test expects one too
        return {"error": f"{type(e).__name__}: {e}"}
    out = list(out) if isinstance(out, tuple) else [out]
    return {"names": names(fn), "values": [encode(v) for v in out]}


json.dump([run(c) for c in json.load(sys.stdin)], sys.stdout)
