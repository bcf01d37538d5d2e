! End-to-end fixture: F2Py's intent(copy) and intent(overwrite) (the overwrite_<name> flags) and
! intent(out=name) renaming a result.

!> Doubles x; the caller's array is copied first unless overwrite_x is set.
subroutine double_it(x, n, info)
  integer n, info
  real(8) x(n)
!f2py intent(in,out,copy,out=doubled) x
!f2py intent(out) info
  x = 2 * x
  info = n
end subroutine double_it

!> Halves x, in place by default (overwrite_x defaults to 1).
subroutine halve_it(x, n)
  integer n
  real(8) x(n)
!f2py intent(in,out,overwrite) x
  x = x / 2
end subroutine halve_it
