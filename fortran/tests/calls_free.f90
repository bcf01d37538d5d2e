! End-to-end fixture (free form): one routine per calling-convention rule of issue 2.

!> Sum of a vector: a function result, the size inferred from `x`.
real(8) function vsum(x, n)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n) !< the values
  vsum = sum(x)
end function vsum

!> y = a*x + b elementwise: an intent(out) array sized by an input.
subroutine affine(x, n, a, b, y)
  integer, intent(in) :: n
  double precision, intent(in) :: x(n), a, b
  double precision, intent(out) :: y(n)
  y = a * x + b
end subroutine affine

!> Scales `x` in place.
subroutine scale_inplace(x, n, factor)
  integer, intent(in) :: n
  real*8, intent(inout) :: x(n)
  real*8, intent(in) :: factor
  x = x * factor
end subroutine scale_inplace

!> w = a v for a(m, n): a rank-2 input and two inferred sizes.
subroutine matvec(a, m, n, v, w)
  integer, intent(in) :: m, n
  real(8), intent(in) :: a(m, n), v(n)
  real(8), intent(out) :: w(m)
  w = matmul(a, v)
end subroutine matvec

!> c(i, j) = u(i) * v(j): a rank-2 result.
subroutine outer(u, m, v, n, c)
  integer, intent(in) :: m, n
  real(8), intent(in) :: u(m), v(n)
  real(8), intent(out) :: c(m, n)
  integer :: i, j
  do j = 1, n
    do i = 1, m
      c(i, j) = u(i) * v(j)
    end do
  end do
end subroutine outer

!> Counts positive entries; also returns their total and the largest entry.
integer function count_positive(x, n, total, largest)
  integer, intent(in) :: n
  real, intent(in) :: x(n)
  real, intent(out) :: total, largest
  integer :: i
  count_positive = 0
  total = 0
  largest = -huge(1.0)
  do i = 1, n
    if (x(i) > 0) then
      count_positive = count_positive + 1
      total = total + x(i)
    end if
    largest = max(largest, x(i))
  end do
end function count_positive

!> Histogram of single-precision data into `nbins` integer counts (sized by a required input).
subroutine histogram(x, n, lo, hi, nbins, counts)
  integer, intent(in) :: n, nbins
  real(4), intent(in) :: x(n), lo, hi
  integer(4), intent(out) :: counts(nbins)
  integer :: i, k
  counts = 0
  do i = 1, n
    k = int((x(i) - lo) / (hi - lo) * nbins) + 1
    if (k >= 1 .and. k <= nbins) counts(k) = counts(k) + 1
  end do
end subroutine histogram

!> Pads `x` with a zero on each side and one in the middle: y has 2*n+1 entries.
subroutine interleave(x, n, y)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n)
  real(8), intent(out) :: y(2*n+1)
  integer :: i
  y = 0
  do i = 1, n
    y(2*i) = x(i)
  end do
end subroutine interleave

!> Sum of 64-bit integers.
integer(8) function isum(k, n)
  integer, intent(in) :: n
  integer(8), intent(in) :: k(n)
  isum = sum(k)
end function isum

!> Cumulative sum, F2Py style: `x` is copied in and returned.
subroutine cumsum(x, n)
  integer n
  real(8) x(n)
!f2py intent(in,out) x
  integer i
  do i = 2, n
    x(i) = x(i) + x(i - 1)
  end do
end subroutine cumsum

!> Counts its own calls: SAVE state, so calls are serialized.
integer function counter(step)
  integer, intent(in) :: step
  integer, save :: total = 0
  total = total + step
  counter = total
end function counter

!> Doubles an integer in and out (an intent(inout) scalar is returned).
subroutine twice(k)
  integer, intent(inout) :: k
  k = 2 * k
end subroutine twice

!> y(i) = i * x(i) for i = 0..n: explicit lower bounds (n cannot be inferred from x(0:n)).
subroutine weighted(x, n, y)
  integer, intent(in) :: n
  real(8), intent(in) :: x(0:n)
  real(8), intent(out) :: y(0:n)
  integer :: i
  do i = 0, n
    y(i) = i * x(i)
  end do
end subroutine weighted

!> Fills max(1, n) entries with 7: intrinsic calls in a dimension.
subroutine fill_sevens(n, w)
  integer, intent(in) :: n
  real(8), intent(out) :: w(max(1, n))
  w = 7
end subroutine fill_sevens

!> Keeps a thread busy for a while (n terms of a slowly converging sum): for tests of queueing.
real(8) function spin(n)
  integer, intent(in) :: n
!f2py threadsafe
  integer :: i
  spin = 0
  do i = 1, n
    spin = spin + sin(real(i, 8)) / i
  end do
end function spin

!> Keeps a thread busy for `ms` milliseconds and says when (system_clock ticks): for tests of how
!> many async calls run at once.
subroutine busy_clock(ms, started, ended)
  integer, intent(in) :: ms
  integer(8), intent(out) :: started, ended
!f2py threadsafe
  integer(8) :: rate
  call system_clock(started, rate)
  do
    call system_clock(ended)
    if ((ended - started) * 1000 >= int(ms, 8) * rate) exit
  end do
end subroutine busy_clock

!> The same, and which thread ran it (Linux gettid): for tests of which pool thread runs a call.
subroutine busy_thread(ms, started, ended, thread)
  use iso_c_binding, only: c_int
  integer, intent(in) :: ms
  integer(8), intent(out) :: started, ended
  integer, intent(out) :: thread
!f2py threadsafe
  interface
    integer(c_int) function gettid() bind(C, name='gettid')
      import :: c_int
    end function gettid
  end interface
  call busy_clock(ms, started, ended)
  thread = gettid()
end subroutine busy_thread

!> The same, in a routine that keeps state (SAVE): its async calls take turns.
subroutine busy_saved(ms, started, ended)
  integer, intent(in) :: ms
  integer(8), intent(out) :: started, ended
  integer, save :: runs = 0
  runs = runs + 1
  call busy_clock(ms, started, ended)
end subroutine busy_saved
