/* C functions wrapped through a signature file with F2Py's intent(c) (test/e2e/intent-c.test.ts). */
#include <complex.h>
#include <stdint.h>
#include <string.h>

double t8(double value) { return value; }
float t4(float value) { return value; }
void s8(double *t8, double value) { *t8 = value; }

/* sum of x[0..n-1] * scale; n and scale by value */
double dscal_sum(int n, const double *x, double scale) {
  double s = 0;
  for (int i = 0; i < n; i++) s += x[i] * scale;
  return s;
}

/* y[i] += alpha * x[i]: y updated in place */
void daxpy_c(int n, double alpha, const double *x, double *y) {
  for (int i = 0; i < n; i++) y[i] += alpha * x[i];
}

int64_t isum64(int64_t n, const int64_t *v) {
  int64_t s = 0;
  for (int64_t i = 0; i < n; i++) s += v[i];
  return s;
}

double _Complex zmul(double _Complex a, double _Complex b) { return a * b; }

/* counts the bytes of a C string */
int count_chars(const char *s) { return (int)strlen(s); }

/* fills out[0..m-1] with k * i; m is computed by the wrapper from n (intent(aux) in the .pyf) */
void ramp(int m, double k, double *out) {
  for (int i = 0; i < m; i++) out[i] = k * i;
}

/* y = A x for a row-major m x n matrix A (F2Py's intent(c) arrays) */
void matvec_rm(int m, int n, const double *a, const double *x, double *y) {
  for (int i = 0; i < m; i++) {
    y[i] = 0;
    for (int j = 0; j < n; j++) y[i] += a[i * n + j] * x[j];
  }
}

/* at = transpose of the row-major m x n matrix a, itself row-major (n x m) */
void transpose_rm(int m, int n, const double *a, double *at) {
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) at[j * m + i] = a[i * n + j];
}

/* the code of a character passed by value (F2Py's intent(c) character) */
int char_code(char c) { return (unsigned char)c; }
