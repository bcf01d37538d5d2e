/* The small C library of mylib.h, wrapped from its header alone (test/e2e/c-mylib.test.ts). */
#include "mylib.h"

#include <math.h>
#include <string.h>

double mylib_dsum(int n, const double *x, int incx) {
  double s = 0;
  int start = incx < 0 ? (1 - n) * incx : 0; /* BLAS: a negative stride walks from the end */
  for (int i = 0; i < n; i++) s += x[start + i * incx];
  return s;
}

void mylib_scale(int n, double alpha, double *x, int incx) {
  int start = incx < 0 ? (1 - n) * incx : 0;
  for (int i = 0; i < n; i++) x[start + i * incx] *= alpha;
}

double mylib_reduce(mylib_op op, size_t count, const double *values) {
  if (count == 0) return 0;
  double r = values[0];
  for (size_t i = 1; i < count; i++) {
    if (op == MYLIB_SUM) r += values[i];
    else if (op == MYLIB_MAX) r = fmax(r, values[i]);
    else if (op == MYLIB_MIN) r = fmin(r, values[i]);
  }
  return r;
}

/* The midpoint rule with n steps. */
double mylib_integrate(mylib_fn f, void *userdata, double a, double b, int n) {
  double h = (b - a) / n, s = 0;
  for (int i = 0; i < n; i++) s += f(a + (i + 0.5) * h, userdata);
  return s * h;
}

void mylib_map(int n, double *x, int incx, double (*g)(double v, int i, void *ctx), void *ctx) {
  int start = incx < 0 ? (1 - n) * incx : 0;
  for (int i = 0; i < n; i++) x[start + i * incx] = g(x[start + i * incx], i, ctx);
}

float mylib_norm(mylib_point p, const mylib_point *q) {
  return (float)hypot(p.x - q->x, p.y - q->y);
}

int mylib_count(const char *text, char c, _Bool strict) {
  int k = 0;
  for (const char *t = text; *t; t++) k += strict ? *t == c : (*t | 32) == (c | 32);
  return k;
}

void mylib_fill(double *out) {
  for (int i = 0; i < 3; i++) out[i] = i + 1;
}

unsigned long long mylib_hash(const unsigned char *bytes, int64_t n) {
  unsigned long long h = 1469598103934665603ULL; /* FNV-1a */
  for (int64_t i = 0; i < n; i++) h = (h ^ bytes[i]) * 1099511628211ULL;
  return h;
}

double _Complex mylib_cmul(double _Complex a, float _Complex b) { return a * b; }

double mylib_vlen(mylib_vec2 v) { return sqrt(v.x * v.x + v.y * v.y); }

void mylib_vscale(mylib_vec2 *v, double k) {
  v->x *= k;
  v->y *= k;
}

int mylib_width(const struct mylib_range *r) { return r->hi - r->lo + (r->closed ? 1 : 0); }

void mylib_reweigh(mylib_point *p, double k) {
  for (int i = 0; i < 3; i++) p->weights[i] *= k;
  p->tag += 1;
}

int mylib_buffer_len(mylib_buffer b) { return b.n; }
