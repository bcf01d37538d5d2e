! Golden case `names`: Fortran names that JavaScript, TypeScript or C++ reserve (`delete`,
! `new`, `class`, `int`) stay usable: prefixed in C++, renamed parameters in the d.ts, and
! left out of the ESM named exports (they remain on the default export).

!> class := new, for the first n elements.
subroutine delete(new, class, n)
  integer, intent(in) :: n
  real(8), intent(in) :: new(n)
  real(8), intent(out) :: class(n)
  class = new
end subroutine delete

!> A plain name next to it, exported by name.
function twice(int) result(r)
  integer, intent(in) :: int
  integer :: r
  r = 2*int
end function twice
