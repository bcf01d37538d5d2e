! Golden case `unsupported`: a routine with a complex argument is skipped (one BG003
! warning); the supported routine next to it is emitted alone.

!> z := alpha*z for complex z: not supported yet.
subroutine zscalx(alpha, z, n)
  integer, intent(in) :: n
  complex(8), intent(in) :: alpha
  complex(8), intent(inout) :: z(n)
  z = alpha*z
end subroutine zscalx

!> x := alpha*x.
subroutine dscalx(alpha, x, n)
  integer, intent(in) :: n
  real(8), intent(in) :: alpha
  real(8), intent(inout) :: x(n)
  x = alpha*x
end subroutine dscalx
