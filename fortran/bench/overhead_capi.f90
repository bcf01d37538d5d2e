! Hand-written bind(C) wrappers of overhead.f90 for the raw N-API addon and koffi (scripts/bench/calls.ts).

function ov_add(a, b) bind(C, name='ov_add') result(r)
  use, intrinsic :: iso_c_binding, only: c_double
  implicit none
  real(c_double), value :: a, b
  real(c_double) :: r
  real(8), external :: add
  r = add(a, b)
end function ov_add

function ov_dsum(x, n) bind(C, name='ov_dsum') result(r)
  use, intrinsic :: iso_c_binding, only: c_double, c_int
  implicit none
  integer(c_int), value :: n
  real(c_double), intent(in) :: x(*)
  real(c_double) :: r
  real(8), external :: dsum
  r = dsum(x, n)
end function ov_dsum

function ov_ddot(n, x, y) bind(C, name='ov_ddot') result(r)
  use, intrinsic :: iso_c_binding, only: c_double, c_int
  implicit none
  integer(c_int), value :: n
  real(c_double), intent(in) :: x(*), y(*)
  real(c_double) :: r
  real(8), external :: ddot
  r = ddot(n, x, y)
end function ov_ddot
