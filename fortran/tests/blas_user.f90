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

!> The OpenBLAS thread count read halfway through keeping a thread busy for 2 * `ms` milliseconds,
!> and when that began and ended (system_clock): shows how many calls ran at once, and on how many
!> BLAS threads each.
subroutine blas_threads_midway(ms, threads, started, ended)
  integer, intent(in) :: ms
  integer, intent(out) :: threads
  integer(8), intent(out) :: started, ended
!f2py threadsafe
  integer, external :: blas_threads_now
  integer(8) :: midway
  call busy(ms, started)
  threads = blas_threads_now()
  call busy(ms, midway)
  call system_clock(ended)
contains
  subroutine busy(ms, started)
    integer, intent(in) :: ms
    integer(8), intent(out) :: started
    integer(8) :: now, rate
    call system_clock(started, rate)
    do
      call system_clock(now)
      if ((now - started) * 1000 >= int(ms, 8) * rate) exit
    end do
  end subroutine busy
end subroutine blas_threads_midway

!> Sleeps `ms_one` milliseconds when OpenBLAS runs on one thread, else `ms_more`: a routine whose
!> speed-up from BLAS threads the caller chooses. The thread count it ran with, and when it began
!> and ended (system_clock).
subroutine blas_scaling(ms_one, ms_more, threads, started, ended)
  use, intrinsic :: iso_c_binding, only: c_int
  integer, intent(in) :: ms_one, ms_more
  integer, intent(out) :: threads
  integer(8), intent(out) :: started, ended
!f2py threadsafe
  interface
    integer(c_int) function usleep(microseconds) bind(C, name='usleep')
      import :: c_int
      integer(c_int), value :: microseconds
    end function usleep
  end interface
  integer, external :: blas_threads_now
  integer(c_int) :: status
  call system_clock(started)
  threads = blas_threads_now()
  if (threads == 1) then
    status = usleep(int(ms_one * 1000, c_int))
  else
    status = usleep(int(ms_more * 1000, c_int))
  end if
  call system_clock(ended)
end subroutine blas_scaling

!> blas_scaling as a sync call with `work` for its arrays: a sync call with 64 KiB of arrays or
!> more runs on every BLAS thread or on one, as its routine and size ran faster (sync_width.h).
!> The thread count it ran with.
subroutine blas_scaling_with(work, n, ms_one, ms_more, threads)
  integer, intent(in) :: n, ms_one, ms_more
  real(8), intent(in) :: work(n)
  integer, intent(out) :: threads
!f2py threadsafe
  integer(8) :: started, ended
  call blas_scaling(ms_one, ms_more, threads, started, ended)
end subroutine blas_scaling_with
