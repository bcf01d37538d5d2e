! Small library for the build-time benchmark (scripts/bench/build.ts): cold build vs `f2py -c`, no-op rebuild.

!> y := a*x + y
subroutine daxpy1(n, a, x, y)
  integer, intent(in) :: n
  real(8), intent(in) :: a, x(n)
  real(8), intent(inout) :: y(n)
  y = y + a * x
end subroutine daxpy1

!> Euclidean norm of x.
function nrm2(x, n)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n)
  real(8) :: nrm2
  nrm2 = sqrt(sum(x * x))
end function nrm2

!> y := A x for an m-by-n matrix A.
subroutine matvec(m, n, a, x, y)
  integer, intent(in) :: m, n
  real(8), intent(in) :: a(m, n), x(n)
  real(8), intent(out) :: y(m)
  y = matmul(a, x)
end subroutine matvec

!> Cumulative sum and the total.
subroutine cumsum(n, x, c, total)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n)
  real(8), intent(out) :: c(n), total
  integer :: i
  total = 0d0
  do i = 1, n
    total = total + x(i)
    c(i) = total
  end do
end subroutine cumsum

!> Counts the entries of k above a threshold.
integer function count_above(k, n, t)
  integer, intent(in) :: n, k(n), t
  count_above = count(k > t)
end function count_above

!> Single-precision scaling in place.
subroutine sscale(n, s, x)
  integer, intent(in) :: n
  real(4), intent(in) :: s
  real(4), intent(inout) :: x(n)
  x = s * x
end subroutine sscale
