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

!> The OpenBLAS thread count read halfway through keeping a thread busy for 2 * `ms` milliseconds:
!> two calls started together both read it while both run (the async policy shares the cores).
integer function blas_threads_midway(ms)
  integer, intent(in) :: ms
!f2py threadsafe
  integer, external :: blas_threads_now
  call busy(ms)
  blas_threads_midway = blas_threads_now()
  call busy(ms)
contains
  subroutine busy(ms)
    integer, intent(in) :: ms
    integer(8) :: started, now, rate
    call system_clock(started, rate)
    do
      call system_clock(now)
      if ((now - started) * 1000 >= int(ms, 8) * rate) exit
    end do
  end subroutine busy
end function blas_threads_midway
