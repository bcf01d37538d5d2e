! Build-failure fixture: declarations parse, but the body is not valid Fortran for gfortran.
subroutine will_not_compile(x, n)
  integer, intent(in) :: n
  real(8), intent(inout) :: x(n)
  x = = 1
end subroutine will_not_compile
