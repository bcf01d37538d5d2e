! Golden case `unsupported`: a routine with an assumed-shape argument (it would need an explicit
! interface) is skipped with one BG003 warning; the supported routine next to it is emitted alone.

!> z := alpha*z for an assumed-shape z: not supported yet.
subroutine zscalx(alpha, z)
  real(8), intent(in) :: alpha
  real(8), intent(inout) :: z(:)
  z = alpha*z
end subroutine zscalx

!> x := alpha*x.
subroutine dscalx(alpha, x, n)
  integer, intent(in) :: n
  real(8), intent(in) :: alpha
  real(8), intent(inout) :: x(n)
  x = alpha*x
end subroutine dscalx
