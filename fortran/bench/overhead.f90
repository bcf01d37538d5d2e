! Call-overhead fixture for scripts/bench/calls.ts: tiny routines where the call, not the work, dominates.

!> Sum of two scalars.
pure function add(a, b)
  real(8), intent(in) :: a, b
  real(8) :: add
  add = a + b
end function add

!> Sum of x(1:n).
pure function dsum(x, n)
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
pure function ddot(n, x, y)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n), y(n)
  real(8) :: ddot
  integer :: i
  ddot = 0d0
  do i = 1, n
    ddot = ddot + x(i) * y(i)
  end do
end function ddot

!> Calls f(i) for i = 1..n and sums what it returns: the round trip of a callback (JS function).
function cbsum(f, n)
  interface
    function f(i)
      integer, intent(in) :: i
      real(8) :: f
    end function f
  end interface
  integer, intent(in) :: n
  real(8) :: cbsum
  integer :: i
  cbsum = 0d0
  do i = 1, n
    cbsum = cbsum + f(i)
  end do
end function cbsum
