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

  !> A triangle: vertex coordinates (2 x 3, a column per vertex), a label per vertex, which are pinned.
  type :: triangle
    real(dp) :: v(2, 3)
    integer :: labels(3)
    logical :: pinned(3)
  end type triangle

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

  !> Twice the signed area of t; labels its vertices 1, 2, 3 and moves the unpinned ones by (dx, dy).
  subroutine shift_triangle(t, dx, dy, area2)
    type(triangle), intent(inout) :: t
    real(dp), intent(in) :: dx, dy
    real(dp), intent(out) :: area2
    integer :: k
    area2 = (t%v(1,2) - t%v(1,1)) * (t%v(2,3) - t%v(2,1)) - (t%v(1,3) - t%v(1,1)) * (t%v(2,2) - t%v(2,1))
    do k = 1, 3
      t%labels(k) = k
      if (.not. t%pinned(k)) t%v(:, k) = t%v(:, k) + [dx, dy]
    end do
  end subroutine shift_triangle

  !> Not wrapped: a component is allocatable.
  function vertices(p) result(n)
    type(polygon), intent(in) :: p
    integer :: n
    n = size(p%xs)
  end function vertices
end module geometry
