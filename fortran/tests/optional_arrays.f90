! OPTIONAL assumed-shape arrays, given and left out (issue 10: UBSan caught the shim forming
! the descriptor of an absent one from a null address).
module optarrays
  implicit none
contains
  !> n plus the sum of x when x is given, -n when it is not.
  function total(n, x) result(s)
    integer, intent(in) :: n
    real(8), optional, intent(in) :: x(:)
    real(8) :: s
    if (present(x)) then
      s = sum(x) + n
    else
      s = -1d0 * n
    end if
  end function total

  !> Adds 1 to the elements of a where mask is true (everywhere without a mask) and to their
  !> count; returns how many changed, -1 when a is left out.
  integer function bump(a, mask, counts)
    real(8), optional, intent(inout) :: a(:, :)
    logical, optional, intent(in) :: mask(:, :)
    integer, optional, intent(inout) :: counts(:)
    bump = -1
    if (.not. present(a)) return
    if (present(mask)) then
      where (mask) a = a + 1
      bump = count(mask)
    else
      a = a + 1
      bump = size(a)
    end if
    if (present(counts)) counts = counts + bump
  end function bump
end module optarrays
