! Finite-difference solvers for the heat and Poisson equations: the bridgegen demo.
!
! Build and call from Node.js (see examples/heat-demo.ts):
!   npx bridgegen fortran/examples/heat.f90 -o build/demo/heat
!
! Every routine is plain Fortran 90 with explicit-shape arrays; bridgegen infers
! n and m from the arrays that are passed in, and allocates the intent(out) arrays.

!> Advances the 1-D heat equation u_t = alpha u_xx by `steps` explicit Euler steps
!> on a uniform grid with fixed (Dirichlet) ends: unew(1) = u(1), unew(n) = u(n).
!> Each step is unew(i) += r (unew(i-1) - 2 unew(i) + unew(i+1)), r = alpha dt / dx**2;
!> the scheme is stable for r <= 1/2.
subroutine heat_steps(u, n, alpha, dt, dx, steps, unew)
  implicit none
  integer, intent(in) :: n              !< number of grid points
  real(8), intent(in) :: u(n)           !< temperature at the start
  real(8), intent(in) :: alpha          !< diffusivity
  real(8), intent(in) :: dt             !< time step
  real(8), intent(in) :: dx             !< grid spacing
  integer, intent(in) :: steps          !< number of time steps to take
  real(8), intent(out) :: unew(n)       !< temperature after `steps` steps
  real(8) :: r, left, center
  integer :: i, k

  unew = u
  r = alpha * dt / (dx * dx)
  do k = 1, steps
    ! In place, left to right: `left` keeps the old value of unew(i-1).
    left = unew(1)
    do i = 2, n - 1
      center = unew(i)
      unew(i) = center + r * (left - 2.0d0 * center + unew(i + 1))
      left = center
    end do
  end do
end subroutine heat_steps

!> Runs `iters` Jacobi sweeps for the 2-D Poisson equation u_xx + u_yy = f on a
!> uniform n x m grid with spacing h and u = 0 on the boundary, starting from u = 0.
!> Each sweep sets every interior point to
!> (u(i-1,j) + u(i+1,j) + u(i,j-1) + u(i,j+1) - h**2 f(i,j)) / 4.
subroutine jacobi(f, n, m, h, iters, u)
  implicit none
  integer, intent(in) :: n              !< grid points along the first dimension
  integer, intent(in) :: m              !< grid points along the second dimension
  real(8), intent(in) :: f(n, m)        !< right-hand side (its boundary values are ignored)
  real(8), intent(in) :: h              !< grid spacing, the same in both directions
  integer, intent(in) :: iters          !< number of sweeps
  real(8), intent(out) :: u(n, m)       !< approximate solution after `iters` sweeps
  real(8), allocatable :: w(:, :)
  real(8) :: h2
  integer :: i, j, k

  u = 0.0d0
  if (n < 3 .or. m < 3) return
  allocate(w(n, m))
  h2 = h * h
  do k = 1, iters
    do j = 2, m - 1
      do i = 2, n - 1
        w(i, j) = 0.25d0 * (u(i - 1, j) + u(i + 1, j) + u(i, j - 1) + u(i, j + 1) &
                            - h2 * f(i, j))
      end do
    end do
    u(2:n - 1, 2:m - 1) = w(2:n - 1, 2:m - 1)
  end do
  deallocate(w)
end subroutine jacobi

!> Returns the grid L2 norm of the residual of u_xx + u_yy = f over the interior,
!> h * sqrt(sum(r(i,j)**2)) with r = (5-point Laplacian of u) - f.
!> It shrinks as `jacobi` converges.
double precision function residual_norm(u, f, n, m, h)
  implicit none
  integer, intent(in) :: n              !< grid points along the first dimension
  integer, intent(in) :: m              !< grid points along the second dimension
  real(8), intent(in) :: u(n, m)        !< approximate solution
  real(8), intent(in) :: f(n, m)        !< right-hand side
  real(8), intent(in) :: h              !< grid spacing
  real(8) :: r, s
  integer :: i, j

  s = 0.0d0
  do j = 2, m - 1
    do i = 2, n - 1
      r = (u(i - 1, j) + u(i + 1, j) + u(i, j - 1) + u(i, j + 1) - 4.0d0 * u(i, j)) / (h * h) &
          - f(i, j)
      s = s + r * r
    end do
  end do
  residual_norm = h * sqrt(s)
end function residual_norm
