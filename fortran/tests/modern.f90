! End-to-end fixture: module procedures with what needs an explicit interface: assumed-shape
! arrays, OPTIONAL and VALUE arguments, and dimensions given by size().
module stats
  implicit none
  private
  public :: mean, scale, colsum, add, count_given
  integer, parameter :: dp = kind(1.d0)
contains
  !> Mean of x, weighted when w is given.
  function mean(x, w) result(m)
    real(dp), intent(in) :: x(:)
    real(dp), intent(in), optional :: w(:)
    real(dp) :: m
    if (present(w)) then
      m = sum(x * w) / sum(w)
    else
      m = sum(x) / size(x)
    end if
  end function mean

  !> Scales a matrix in place; by 2 when no factor is given.
  subroutine scale(a, factor)
    real(dp), intent(inout) :: a(:, :)
    real(dp), intent(in), optional :: factor
    if (present(factor)) then
      a = a * factor
    else
      a = a * 2
    end if
  end subroutine scale

  !> Column sums: the output is sized by size(a, 2).
  subroutine colsum(a, s)
    real(dp), intent(in) :: a(:, :)
    real(dp), intent(out) :: s(size(a, 2))
    s = sum(a, dim=1)
  end subroutine colsum

  !> VALUE arguments.
  integer function add(i, j)
    integer, value :: i, j
    add = i + j
  end function add

  !> How many of the optional arguments were given.
  integer function count_given(a, b, c)
    integer, intent(in), optional :: a
    real(dp), intent(in), optional :: b
    logical, intent(in), optional :: c
    count_given = 0
    if (present(a)) count_given = count_given + 1
    if (present(b)) count_given = count_given + 1
    if (present(c)) count_given = count_given + 1
  end function count_given

  !> Private: not exported.
  subroutine hidden_helper()
  end subroutine hidden_helper
end module stats
