/*
 * C driver for the linalg and memory benchmarks (linalg.ts, memory.ts): the same OpenBLAS ddot_/dgemm_/dgesv_
 * that bridgegen/linalg links, called directly from C, timed with clock_gettime(CLOCK_MONOTONIC).
 *
 *   cc -O2 blas-c.c -o blas-c -L<openblas dir> -Wl,-rpath,<openblas dir> -lopenblas
 *   blas-c DIR THREADS [SPEC...]    SPEC = routine:n:rounds:calls, e.g. dgemm:1024:3:2
 *
 * Inputs are read from DIR/a-N.bin, DIR/b-N.bin (n*n float64, column-major) and DIR/rhs-N.bin (n float64),
 * or for ddot DIR/x-N.bin and DIR/y-N.bin (n float64), written by linalg.ts, so every contender multiplies
 * and solves the same numbers.
 *   ddot:  x . y into a volatile sink.
 *   dgemm: C = 1.0 * A * B + 0.0 * C into a buffer allocated once (the overwrite_c=1 call of SciPy/bridgegen).
 *   dgesv: each call first memcpy's A and rhs into work buffers allocated once (inside the timed loop), as
 *          bridgegen/SciPy copy their inputs with overwrite_a=overwrite_b=0; ipiv allocated once.
 * One warm-up round per spec (rounds = 0: the warm-up call(s) only, for memory.ts). Prints one JSON object:
 *   {"threads": T, "config": "...", "rows": {"dgemm 1024": [ms per call, one per round], ...},
 *    "check": {"dgemm 1024": sum of C, "dgesv 256": sum of x, "ddot 1000": x . y}, "vmhwm_kib": peak RSS}
 * Peak RSS is VmHWM of /proc/self/status (this process image's high-water mark; getrusage's ru_maxrss would also
 * count the memory of the process that spawned it, copied by fork before exec).
 * With no SPEC it only loads OpenBLAS and reports: the baseline of memory.ts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern double ddot_(const int *n, const double *x, const int *incx, const double *y, const int *incy);
extern void dgemm_(const char *transa, const char *transb, const int *m, const int *n, const int *k,
                   const double *alpha, const double *a, const int *lda, const double *b, const int *ldb,
                   const double *beta, double *c, const int *ldc, size_t, size_t);
extern void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
                   const int *ldb, int *info);
extern void openblas_set_num_threads(int);
extern int openblas_get_num_threads(void);
extern char *openblas_get_config(void);

static volatile double dot_sink;

/** VmHWM (KiB) from /proc/self/status, or -1 when there is none. */
static long peak_rss_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kib = -1;
  while (f && fgets(line, sizeof line, f)) {
    if (sscanf(line, "VmHWM: %ld", &kib) == 1) break;
  }
  if (f) fclose(f);
  return kib;
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double *load(const char *dir, const char *what, int n, size_t count) {
  char file[4096];
  snprintf(file, sizeof file, "%s/%s-%d.bin", dir, what, n);
  FILE *f = fopen(file, "rb");
  if (!f) { fprintf(stderr, "blas-c: cannot open %s\n", file); exit(2); }
  double *p = malloc(count * sizeof(double));
  if (!p || fread(p, sizeof(double), count, f) != count) { fprintf(stderr, "blas-c: short read %s\n", file); exit(2); }
  fclose(f);
  return p;
}

static double sum(const double *p, size_t count) {
  double s = 0;
  for (size_t i = 0; i < count; i++) s += p[i];
  return s;
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: blas-c DIR THREADS [routine:n:rounds:calls...]\n"); return 2; }
  const char *dir = argv[1];
  openblas_set_num_threads(atoi(argv[2]));
  printf("{\"threads\": %d, \"config\": \"%s\", \"rows\": {", openblas_get_num_threads(), openblas_get_config());
  char checks[8192] = "";
  for (int s = 3; s < argc; s++) {
    char routine[16];
    int n, rounds, calls;
    if (sscanf(argv[s], "%15[a-z]:%d:%d:%d", routine, &n, &rounds, &calls) != 4) { fprintf(stderr, "blas-c: bad spec %s\n", argv[s]); return 2; }
    size_t nn = (size_t)n * n;
    int dot = strcmp(routine, "ddot") == 0, gemm = strcmp(routine, "dgemm") == 0;
    double *a = dot ? load(dir, "x", n, n) : load(dir, "a", n, nn);
    double *b = NULL, *c = NULL, *aw = NULL, *bw = NULL;
    int *ipiv = NULL, info = 0, one = 1;
    const double alpha = 1.0, beta = 0.0;
    if (dot) {
      b = load(dir, "y", n, n);
    } else if (gemm) {
      b = load(dir, "b", n, nn);
      c = calloc(nn, sizeof(double));
    } else if (strcmp(routine, "dgesv") == 0) {
      b = load(dir, "rhs", n, n);
      aw = malloc(nn * sizeof(double));
      bw = malloc(n * sizeof(double));
      ipiv = malloc(n * sizeof(int));
    } else {
      fprintf(stderr, "blas-c: unknown routine %s\n", routine);
      return 2;
    }
    printf("%s\"%s %d\": [", s > 3 ? ", " : "", routine, n);
    for (int r = -1; r < rounds; r++) { /* round -1: warm-up */
      double t0 = now_ms();
      for (int i = 0; i < calls; i++) {
        if (dot) {
          dot_sink = ddot_(&n, a, &one, b, &one);
        } else if (gemm) {
          dgemm_("N", "N", &n, &n, &n, &alpha, a, &n, b, &n, &beta, c, &n, 1, 1);
        } else {
          memcpy(aw, a, nn * sizeof(double));
          memcpy(bw, b, n * sizeof(double));
          dgesv_(&n, &one, aw, &n, ipiv, bw, &n, &info);
        }
      }
      double ms = (now_ms() - t0) / calls;
      if (r >= 0) printf("%s%.6f", r ? ", " : "", ms);
    }
    printf("]");
    if (info != 0) fprintf(stderr, "blas-c: dgesv n=%d info=%d\n", n, info);
    double check = dot ? ddot_(&n, a, &one, b, &one) : gemm ? sum(c, nn) : sum(bw, (size_t)n);
    snprintf(checks + strlen(checks), sizeof checks - strlen(checks), "%s\"%s %d\": %.17g",
             checks[0] ? ", " : "", routine, n, check);
    free(a); free(b); free(c); free(aw); free(bw); free(ipiv);
  }
  printf("}, \"check\": {%s}, \"vmhwm_kib\": %ld}\n", checks, peak_rss_kib());
  return 0;
}
