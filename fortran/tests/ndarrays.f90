! End-to-end fixture: ndarray objects in and out (native/include/bridgegen/objects_js.h).

!> b = 2 a: a rank-2 array in, one of the same shape out.
subroutine twice(a, m, n, b)
  integer, intent(in) :: m, n
  real(8), intent(in) :: a(m, n)
  real(8), intent(out) :: b(m, n)
  b = 2 * a
end subroutine twice
