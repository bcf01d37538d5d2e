/* Defines Fortran's `triple` (gfortran's name: triple_) for fortran/tests/external_triple.f90. */
double triple_(const double *x) { return 3 * *x; }
