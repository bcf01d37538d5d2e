! Call-overhead fixture for scripts/bench/calls.ts: tiny routines where the call, not the work, dominates.

!> Sum of two scalars.
function add(a, b)
  real(8), intent(in) :: a, b
  real(8) :: add
  add = a + b
end function add

!> Sum of x(1:n).
function dsum(x, n)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n)
  real(8) :: dsum
  integer :: i
  dsum = 0d0
  do i = 1, n
    dsum = dsum + x(i)
  end do
end function dsum

!> Dot product of x(1:n) and y(1:n), BLAS ddot style (unit strides), written out here.
function ddot(n, x, y)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n), y(n)
  real(8) :: ddot
  integer :: i
  ddot = 0d0
  do i = 1, n
    ddot = ddot + x(i) * y(i)
  end do
end function ddot
