! Golden case `callbacks`: procedure arguments (functions and subroutines) driven by JS functions.

!> Newton's method for f(x) = 0, x scalar: calls f and its derivative.
subroutine newton(f, df, x, tol, maxit, iters)
  interface
    real(8) function f(x)
      real(8), intent(in) :: x
    end function f
    real(8) function df(x)
      real(8), intent(in) :: x
    end function df
  end interface
  real(8), intent(inout) :: x
  real(8), intent(in) :: tol
  integer, intent(in) :: maxit
  integer, intent(out) :: iters
  real(8) :: step
  do iters = 1, maxit
    step = f(x) / df(x)
    x = x - step
    if (abs(step) < tol) exit
  end do
end subroutine newton

!> Classic RK4 for y' = rhs(t, y) with n components, from t0 to t1 in nsteps steps.
subroutine rk4(rhs, n, y, t0, t1, nsteps)
  interface
    subroutine rhs(t, y, n, dydt)
      integer, intent(in) :: n
      real(8), intent(in) :: t, y(n)
      real(8), intent(out) :: dydt(n)
    end subroutine rhs
  end interface
  integer, intent(in) :: n, nsteps
  real(8), intent(inout) :: y(n)
  real(8), intent(in) :: t0, t1
  real(8) :: k1(n), k2(n), k3(n), k4(n), h, t
  integer :: i
  h = (t1 - t0) / nsteps
  t = t0
  do i = 1, nsteps
    call rhs(t, y, n, k1)
    call rhs(t + h / 2, y + h / 2 * k1, n, k2)
    call rhs(t + h / 2, y + h / 2 * k2, n, k3)
    call rhs(t + h, y + h * k3, n, k4)
    y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    t = t + h
  end do
end subroutine rk4

!> Calls `visit(i, stop)` for i = 1..n until the callback sets stop to 1; returns how many calls.
integer function each(visit, n)
  interface
    subroutine visit(i, stop)
      integer, intent(in) :: i
      integer, intent(out) :: stop
    end subroutine visit
  end interface
  integer, intent(in) :: n
  integer :: i, stop
  each = 0
  do i = 1, n
    stop = 0
    call visit(i, stop)
    each = each + 1
    if (stop /= 0) exit
  end do
end function each
