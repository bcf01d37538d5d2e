! Fixture for the property tests (test/e2e/property.test.ts): a scalar of every kind in and back
! out, and a rank-3 input whose result depends on where each element lands.

!> Echoes one scalar of every kind: each input comes back through its intent(out) twin.
subroutine echo_kinds(i1, i2, i4, i8, r4, r8, c4, c8, l1, l4, s, &
                      o_i1, o_i2, o_i4, o_i8, o_r4, o_r8, o_c4, o_c8, o_l1, o_l4, o_s)
  integer(1), intent(in) :: i1
  integer(2), intent(in) :: i2
  integer(4), intent(in) :: i4
  integer(8), intent(in) :: i8
  real(4), intent(in) :: r4
  real(8), intent(in) :: r8
  complex(4), intent(in) :: c4
  complex(8), intent(in) :: c8
  logical(1), intent(in) :: l1
  logical(4), intent(in) :: l4
  character(len=6), intent(in) :: s
  integer(1), intent(out) :: o_i1
  integer(2), intent(out) :: o_i2
  integer(4), intent(out) :: o_i4
  integer(8), intent(out) :: o_i8
  real(4), intent(out) :: o_r4
  real(8), intent(out) :: o_r8
  complex(4), intent(out) :: o_c4
  complex(8), intent(out) :: o_c8
  logical(1), intent(out) :: o_l1
  logical(4), intent(out) :: o_l4
  character(len=6), intent(out) :: o_s
  o_i1 = i1
  o_i2 = i2
  o_i4 = i4
  o_i8 = i8
  o_r4 = r4
  o_r8 = r8
  o_c4 = c4
  o_c8 = c8
  o_l1 = l1
  o_l4 = l4
  o_s = s
end subroutine echo_kinds

!> Halves a 64-bit integer in place (an intent(inout) scalar is returned).
subroutine halve8(k)
  integer(8), intent(inout) :: k
  k = k / 2
end subroutine halve8

!> The sum of x(i, j, k) * (i + 10*j + 100*k).
real(8) function place3(x, a, b, c)
  integer, intent(in) :: a, b, c
  real(8), intent(in) :: x(a, b, c)
  integer :: i, j, k
  place3 = 0
  do k = 1, c
    do j = 1, b
      do i = 1, a
        place3 = place3 + x(i, j, k) * (i + 10 * j + 100 * k)
      end do
    end do
  end do
end function place3
