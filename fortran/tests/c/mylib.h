/* A small C library for the C front end's tests (test/unit/c/): enums, a struct, a callback
 * with userdata, arrays with BLAS-style lengths, unnamed parameters named in comments. */
#ifndef MYLIB_H
#define MYLIB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MYLIB_VERSION 3
#define MYLIB_FLAGS (1 << 4 | 1)

typedef enum { MYLIB_SUM = 1, MYLIB_MAX, MYLIB_MIN = MYLIB_MAX + 5 } mylib_op;
enum mylib_color { RED, GREEN = 0x10, BLUE };

/** A point in the plane. */
typedef struct {
  double x, y;
  int32_t tag;
  double weights[3];
} mylib_point;

typedef double (*mylib_fn)(double x, void *userdata);

/** Sum of x[0], x[incx], ... (n entries). */
double mylib_dsum(int n, const double *x, int incx);

/* Scales x in place. */
void mylib_scale(int /* n */, double /* alpha */, double * /* x */, int /* incx */);

/** Applies op to n values; size_t count. */
double mylib_reduce(mylib_op op, size_t count, const double *values);

/** Integrates f over [a, b] with n steps, passing userdata back to f. */
double mylib_integrate(mylib_fn f, void *userdata, double a, double b, int n);

/** Replaces x[i*incx] by g(x[i*incx], i, ctx) for i < n. */
void mylib_map(int n, double *x, int incx, double (*g)(double v, int i, void *ctx), void *ctx);

float mylib_norm(mylib_point p, const mylib_point *q);
int mylib_count(const char *text, char c, _Bool strict);
void mylib_fill(double *out);
int mylib_printf(const char *fmt, ...);
unsigned long long mylib_hash(const unsigned char *bytes, int64_t n);
double _Complex mylib_cmul(double _Complex a, float _Complex b);

/** A 2-vector: a struct of plain values crosses as a JS object. */
typedef struct { double x, y; } mylib_vec2;
/** A range of integers, by its tag only. */
struct mylib_range { int32_t lo, hi; _Bool closed; };

/** Length of v (a struct by value). */
double mylib_vlen(mylib_vec2 v);
/** Scales v in place (a struct by pointer: returned updated). */
void mylib_vscale(mylib_vec2 *v, double k);
/** How many integers r holds (a const struct pointer: an input). */
int mylib_width(const struct mylib_range *r);
/** Scales p's weights by k and counts the call in its tag (a struct with an array field). */
void mylib_reweigh(mylib_point *p, double k);

/** A buffer by address: a struct with a pointer field does not cross as an object. */
typedef struct { double *data; int n; } mylib_buffer;
int mylib_buffer_len(mylib_buffer b);

#ifdef __cplusplus
}
#endif
#endif
