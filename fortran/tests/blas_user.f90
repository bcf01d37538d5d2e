! End-to-end fixture: a routine that calls the system BLAS (linked with -l openblas).

!> x . y through BLAS ddot.
real(8) function mydot(x, y, n)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n), y(n)
  real(8), external :: ddot
  mydot = ddot(n, x, 1, y, 1)
end function mydot

!> The OpenBLAS thread count in effect while this runs (the async policy caps it).
integer function blas_threads_now()
  interface
    integer(c_int) function openblas_get_num_threads() bind(C, name='openblas_get_num_threads')
      use, intrinsic :: iso_c_binding, only: c_int
    end function openblas_get_num_threads
  end interface
  blas_threads_now = openblas_get_num_threads()
end function blas_threads_now
