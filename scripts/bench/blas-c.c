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
 *
 *   blas-c DIR THREADS --serve routine:n:warmup
 *
 * Serves linalg-pair.js, which alternates it with a bridgegen contender: makes `warmup` calls, prints
 * {"threads": T, "config": "..."}, then for each line "K" on stdin makes K calls and prints their ms per call;
 * at end of input prints {"check": ...} (as above, for this spec alone).
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

/** One spec's arrays and its call. */
struct work {
  int n, dot, gemm, info;
  size_t nn;
  double *a, *b, *c, *aw, *bw;
  int *ipiv;
};

/** Loads the inputs of `routine` n from `dir` and allocates its outputs; returns 0, or 2 for an unknown routine. */
static int work_init(struct work *w, const char *dir, const char *routine, int n) {
  memset(w, 0, sizeof *w);
  w->n = n;
  w->nn = (size_t)n * n;
  w->dot = strcmp(routine, "ddot") == 0;
  w->gemm = strcmp(routine, "dgemm") == 0;
  if (w->dot) {
    w->a = load(dir, "x", n, n);
    w->b = load(dir, "y", n, n);
  } else if (w->gemm) {
    w->a = load(dir, "a", n, w->nn);
    w->b = load(dir, "b", n, w->nn);
    w->c = calloc(w->nn, sizeof(double));
  } else if (strcmp(routine, "dgesv") == 0) {
    w->a = load(dir, "a", n, w->nn);
    w->b = load(dir, "rhs", n, n);
    w->aw = malloc(w->nn * sizeof(double));
    w->bw = malloc(n * sizeof(double));
    w->ipiv = malloc(n * sizeof(int));
  } else {
    fprintf(stderr, "blas-c: unknown routine %s\n", routine);
    return 2;
  }
  return 0;
}

/** `calls` calls; ms per call. */
static double work_time(struct work *w, int calls) {
  const int one = 1;
  const double alpha = 1.0, beta = 0.0;
  double t0 = now_ms();
  for (int i = 0; i < calls; i++) {
    if (w->dot) {
      dot_sink = ddot_(&w->n, w->a, &one, w->b, &one);
    } else if (w->gemm) {
      dgemm_("N", "N", &w->n, &w->n, &w->n, &alpha, w->a, &w->n, w->b, &w->n, &beta, w->c, &w->n, 1, 1);
    } else {
      memcpy(w->aw, w->a, w->nn * sizeof(double));
      memcpy(w->bw, w->b, w->n * sizeof(double));
      dgesv_(&w->n, &one, w->aw, &w->n, w->ipiv, w->bw, &w->n, &w->info);
    }
  }
  return (now_ms() - t0) / calls;
}

/** ddot's value, the sum of C or of x: the same figure every contender reports. */
static double work_check(const struct work *w) {
  const int one = 1;
  if (w->info != 0) fprintf(stderr, "blas-c: dgesv n=%d info=%d\n", w->n, w->info);
  return w->dot ? ddot_(&w->n, w->a, &one, w->b, &one) : w->gemm ? sum(w->c, w->nn) : sum(w->bw, (size_t)w->n);
}

static void work_free(struct work *w) {
  free(w->a); free(w->b); free(w->c); free(w->aw); free(w->bw); free(w->ipiv);
}

/** --serve: timed calls on request, for linalg-pair.js. */
static int serve(const char *dir, const char *spec) {
  char routine[16], line[64];
  int n, warmup;
  struct work w;
  if (sscanf(spec, "%15[a-z]:%d:%d", routine, &n, &warmup) != 3) { fprintf(stderr, "blas-c: bad spec %s\n", spec); return 2; }
  if (work_init(&w, dir, routine, n)) return 2;
  if (warmup > 0) work_time(&w, warmup);
  printf("{\"threads\": %d, \"config\": \"%s\"}\n", openblas_get_num_threads(), openblas_get_config());
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    int calls = atoi(line);
    if (calls < 1) { fprintf(stderr, "blas-c: bad request %s", line); return 2; }
    printf("%.9g\n", work_time(&w, calls));  /* all its digits: a dgemm n=8 takes ~57 ns */
    fflush(stdout);
  }
  printf("{\"check\": {\"%s %d\": %.17g}}\n", routine, n, work_check(&w));
  work_free(&w);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: blas-c DIR THREADS [routine:n:rounds:calls...]\n       blas-c DIR THREADS --serve routine:n:warmup\n"); return 2; }
  const char *dir = argv[1];
  openblas_set_num_threads(atoi(argv[2]));
  if (argc == 5 && strcmp(argv[3], "--serve") == 0) return serve(dir, argv[4]);
  printf("{\"threads\": %d, \"config\": \"%s\", \"rows\": {", openblas_get_num_threads(), openblas_get_config());
  char checks[8192] = "";
  for (int s = 3; s < argc; s++) {
    char routine[16];
    int n, rounds, calls;
    struct work w;
    if (sscanf(argv[s], "%15[a-z]:%d:%d:%d", routine, &n, &rounds, &calls) != 4) { fprintf(stderr, "blas-c: bad spec %s\n", argv[s]); return 2; }
    if (work_init(&w, dir, routine, n)) return 2;
    printf("%s\"%s %d\": [", s > 3 ? ", " : "", routine, n);
    for (int r = -1; r < rounds; r++) { /* round -1: warm-up */
      double ms = work_time(&w, calls);
      if (r >= 0) printf("%s%.6f", r ? ", " : "", ms);
    }
    printf("]");
    snprintf(checks + strlen(checks), sizeof checks - strlen(checks), "%s\"%s %d\": %.17g",
             checks[0] ? ", " : "", routine, n, work_check(&w));
    work_free(&w);
  }
  printf("}, \"check\": {%s}, \"vmhwm_kib\": %ld}\n", checks, peak_rss_kib());
  return 0;
}
