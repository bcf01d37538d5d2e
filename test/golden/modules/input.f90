! Golden case `modules`: procedures of a Fortran module, a kind taken from a module
! parameter (through a second module), and a module constant as a dimension.

module precision
  implicit none
  integer, parameter :: dp = kind(1.0d0)
end module precision

module geometry
  use precision, only: wp => dp
  implicit none
  integer, parameter :: ndim = 3
contains
  !> Euclidean norm of x.
  function norm(x, n) result(r)
    integer, intent(in) :: n
    real(wp), intent(in) :: x(n)
    real(wp) :: r
    r = sqrt(sum(x**2))
  end function norm

  !> c := a x b.
  subroutine cross(a, b, c)
    real(wp), intent(in) :: a(ndim), b(ndim)
    real(wp), intent(out) :: c(ndim)
    c = [a(2)*b(3) - a(3)*b(2), a(3)*b(1) - a(1)*b(3), a(1)*b(2) - a(2)*b(1)]
  end subroutine cross
end module geometry

!> An external procedure next to the module.
subroutine origin(p)
  use geometry, only: ndim
  use precision, only: dp
  real(dp), intent(out) :: p(ndim)
  p = 0
end subroutine origin
