! End-to-end fixture: derived-type arguments as JS plain objects (records.ts).
module geometry
  implicit none
  integer, parameter :: dp = kind(1d0)

  !> A point in the plane.
  type :: point
    real(dp) :: x = 0
    real(dp) :: y = 0
  end type point

  !> A particle: position, mass, a charge sign, whether it is fixed, and an index.
  type, bind(c) :: particle
    real(dp) :: x, y
    real(8) :: mass
    integer :: charge
    logical(1) :: fixed
    integer(8) :: id
  end type particle

  type :: polygon
    real(dp), allocatable :: xs(:)
  end type polygon

contains

  !> Distance from the origin.
  pure function norm(p) result(r)
    type(point), intent(in) :: p
    real(dp) :: r
    r = sqrt(p%x**2 + p%y**2)
  end function norm

  !> The midpoint of a and b.
  subroutine midpoint(a, b, m)
    type(point), intent(in) :: a, b
    type(point), intent(out) :: m
    m%x = (a%x + b%x) / 2
    m%y = (a%y + b%y) / 2
  end subroutine midpoint

  !> Moves p by (dx, dy) unless it is fixed; counts the moves in id.
  subroutine push(p, dx, dy)
    type(particle), intent(inout) :: p
    real(dp), intent(in) :: dx, dy
    if (p%fixed) return
    p%x = p%x + dx
    p%y = p%y + dy
    p%id = p%id + 1
  end subroutine push

  !> Not wrapped: a component is allocatable.
  function vertices(p) result(n)
    type(polygon), intent(in) :: p
    integer :: n
    n = size(p%xs)
  end function vertices
end module geometry
