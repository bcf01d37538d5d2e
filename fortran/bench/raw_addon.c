// Hand-written raw N-API addon (node_api.h) over overhead_capi.f90: the floor for generated glue (scripts/bench/calls.ts).
#include <node_api.h>
#include <stddef.h>
#include <stdlib.h>

double ov_add(double a, double b);
double ov_dsum(const double* x, int n);
double ov_ddot(int n, const double* x, const double* y);

static napi_value fail(napi_env env, const char* msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

static napi_value number(napi_env env, double v) {
  napi_value out;
  napi_create_double(env, v, &out);
  return out;
}

/* One napi_get_typedarray_info per array; must be a Float64Array. */
static int f64(napi_env env, napi_value v, const double** data, size_t* n) {
  napi_typedarray_type type;
  void* p;
  if (napi_get_typedarray_info(env, v, &type, n, &p, NULL, NULL) != napi_ok || type != napi_float64_array) return 0;
  *data = (const double*)p;
  return 1;
}

static napi_value Add(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  double a, b;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 2 || napi_get_value_double(env, argv[0], &a) != napi_ok ||
      napi_get_value_double(env, argv[1], &b) != napi_ok)
    return fail(env, "add(a, b): expected two numbers");
  return number(env, ov_add(a, b));
}

static napi_value Dsum(napi_env env, napi_callback_info info) {
  size_t argc = 1, n;
  napi_value argv[1];
  const double* x;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || !f64(env, argv[0], &x, &n)) return fail(env, "dsum(x): expected a Float64Array");
  if (n > 0x7fffffff) return fail(env, "dsum(x): too long");
  return number(env, ov_dsum(x, (int)n));
}

static napi_value Ddot(napi_env env, napi_callback_info info) {
  size_t argc = 2, nx, ny;
  napi_value argv[2];
  const double *x, *y;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 2 || !f64(env, argv[0], &x, &nx) || !f64(env, argv[1], &y, &ny))
    return fail(env, "ddot(x, y): expected two Float64Arrays");
  if (nx != ny || nx > 0x7fffffff) return fail(env, "ddot(x, y): lengths differ");
  return number(env, ov_ddot((int)nx, x, y));
}

/* The hand-written async baseline: one napi_async_work per call, a promise, the arrays kept
   alive by references until it completes (no copy), no lock (these routines keep no state). */
typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  napi_ref refs[2];
  int kind, n;
  double a, b, result;
  const double *x, *y;
} Job;

static void Execute(napi_env env, void* data) {
  Job* j = (Job*)data;
  (void)env;
  j->result = j->kind == 0 ? ov_add(j->a, j->b) : j->kind == 1 ? ov_dsum(j->x, j->n) : ov_ddot(j->n, j->x, j->y);
}

static void Complete(napi_env env, napi_status status, void* data) {
  Job* j = (Job*)data;
  (void)status;
  napi_resolve_deferred(env, j->deferred, number(env, j->result));
  for (int k = 0; k < 2; k++)
    if (j->refs[k]) napi_delete_reference(env, j->refs[k]);
  napi_delete_async_work(env, j->work);
  free(j);
}

static napi_value Start(napi_env env, Job* j) {
  napi_value promise, name;
  napi_create_promise(env, &j->deferred, &promise);
  napi_create_string_utf8(env, "raw", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, Execute, Complete, j, &j->work);
  napi_queue_async_work(env, j->work);
  return promise;
}

static napi_value AddAsync(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  Job* j = calloc(1, sizeof(Job));
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (!j || argc < 2 || napi_get_value_double(env, argv[0], &j->a) != napi_ok ||
      napi_get_value_double(env, argv[1], &j->b) != napi_ok) {
    free(j);
    return fail(env, "addAsync(a, b): expected two numbers");
  }
  return Start(env, j);
}

static napi_value DsumAsync(napi_env env, napi_callback_info info) {
  size_t argc = 1, n;
  napi_value argv[1];
  Job* j = calloc(1, sizeof(Job));
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (!j || argc < 1 || !f64(env, argv[0], &j->x, &n) || n > 0x7fffffff) {
    free(j);
    return fail(env, "dsumAsync(x): expected a Float64Array");
  }
  j->kind = 1;
  j->n = (int)n;
  napi_create_reference(env, argv[0], 1, &j->refs[0]);
  return Start(env, j);
}

static napi_value DdotAsync(napi_env env, napi_callback_info info) {
  size_t argc = 2, nx, ny;
  napi_value argv[2];
  Job* j = calloc(1, sizeof(Job));
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (!j || argc < 2 || !f64(env, argv[0], &j->x, &nx) || !f64(env, argv[1], &j->y, &ny) || nx != ny || nx > 0x7fffffff) {
    free(j);
    return fail(env, "ddotAsync(x, y): expected two Float64Arrays of one length");
  }
  j->kind = 2;
  j->n = (int)nx;
  napi_create_reference(env, argv[0], 1, &j->refs[0]);
  napi_create_reference(env, argv[1], 1, &j->refs[1]);
  return Start(env, j);
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"add", NULL, Add, NULL, NULL, NULL, napi_enumerable, NULL},
      {"dsum", NULL, Dsum, NULL, NULL, NULL, napi_enumerable, NULL},
      {"ddot", NULL, Ddot, NULL, NULL, NULL, napi_enumerable, NULL},
      {"addAsync", NULL, AddAsync, NULL, NULL, NULL, napi_enumerable, NULL},
      {"dsumAsync", NULL, DsumAsync, NULL, NULL, NULL, napi_enumerable, NULL},
      {"ddotAsync", NULL, DdotAsync, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
