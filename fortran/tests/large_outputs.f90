! End-to-end fixture: routines with large outputs, for the reuse of freed buffers (recycle.h).

!> w = v everywhere.
subroutine fill_value(n, v, w)
  integer, intent(in) :: n
  real(8), intent(in) :: v
  real(8), intent(out) :: w(n)
!f2py threadsafe
  w = v
end subroutine fill_value

!> Writes only w(1): the rest of an intent(out) array must read as zeros, even in reused memory.
subroutine first_only(n, w)
  integer, intent(in) :: n
  real(8), intent(out) :: w(n)
!f2py threadsafe
  w(1) = 1
end subroutine first_only
