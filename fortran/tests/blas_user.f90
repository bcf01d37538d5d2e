! End-to-end fixture: a routine that calls the system BLAS (linked with -l openblas).

!> x . y through BLAS ddot.
real(8) function mydot(x, y, n)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n), y(n)
  real(8), external :: ddot
  mydot = ddot(n, x, 1, y, 1)
end function mydot
