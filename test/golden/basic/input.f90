! Golden case `basic`: scalars, rank-1 in/out arrays, a function result, size inference
! and several results.

!> y := a*x + y, with y updated in place.
subroutine axpy(a, x, y, n)
  integer, intent(in) :: n
  real(8), intent(in) :: a, x(n)
  real(8), intent(inout) :: y(n)
  y = y + a*x
end subroutine axpy

!> Sum of a vector; `n` is inferred from `x`.
function vsum(x, n) result(s)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n)
  real(8) :: s
  s = sum(x)
end function vsum

!> Mean, variance and a histogram: several results; `nbins` sizes only an output.
subroutine stats(x, n, nbins, mean, var, hist)
  integer, intent(in) :: n, nbins
  real(8), intent(in) :: x(n)
  real(8), intent(out) :: mean, var
  integer, intent(out) :: hist(nbins)
  mean = sum(x) / max(n, 1)
  var = sum((x - mean)**2) / max(n, 1)
  hist = 0
end subroutine stats

!> An integer(8) function with an inout scalar, which is returned too.
integer(8) function tally(k, m, calls)
  integer, intent(in) :: m
  integer(4), intent(in) :: k(m)
  integer, intent(inout) :: calls
  calls = calls + 1
  tally = sum(int(k, 8))
end function tally

!> Single precision in, single precision out.
subroutine halve(x, n, y)
  integer, intent(in) :: n
  real(4), intent(in) :: x(n)
  real(4), intent(out) :: y(n)
  y = x / 2
end subroutine halve
