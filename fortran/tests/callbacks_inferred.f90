! End-to-end fixture (test/e2e/callbacks-inferred.test.ts): procedure arguments WITHOUT an
! interface; their signatures are inferred from the call sites, as F2Py does.

!> Newton's method on a scalar equation; fcn(x, f, df) sets f and df.
subroutine newton1(fcn, x, tol, maxit, iters)
  external fcn
  real(8), intent(inout) :: x
  real(8), intent(in) :: tol
  integer, intent(in) :: maxit
  integer, intent(out) :: iters
  real(8) :: f, df
  integer :: k
  iters = 0
  do k = 1, maxit
    call fcn(x, f, df)
    iters = k
    if (abs(f) < tol) return
    x = x - f/df
  end do
end subroutine newton1

!> The sum of g over the elements of x (a function callback, called on array elements).
subroutine sumf(g, n, x, s)
  real(8), external :: g
  integer, intent(in) :: n
  real(8), intent(in) :: x(n)
  real(8), intent(out) :: s
  integer :: i
  s = 0
  do i = 1, n
    s = s + g(x(i))
  end do
end subroutine sumf

!> Lets fcn fill v (an array whose extent the callback receives too).
subroutine fill(fcn, n, v)
  external fcn
  integer, intent(in) :: n
  real(8), intent(out) :: v(n)
  call fcn(n, v)
end subroutine fill

!> A call site passing an expression: no signature can be inferred, so the routine is skipped.
subroutine opaque(fcn, x)
  external fcn
  real(8), intent(in) :: x
  call fcn(x + 1)
end subroutine opaque
