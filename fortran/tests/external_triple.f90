! End-to-end fixture: a routine calling `triple`, which only an object or library given on the
! command line defines (fortran/tests/c/triple.c, compiled by the test into a .o and a .a).

!> 3 x, computed by the external C function triple_.
real(8) function use_triple(x)
  real(8), intent(in) :: x
  real(8), external :: triple
  use_triple = triple(x)
end function use_triple
