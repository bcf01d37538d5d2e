! End-to-end fixture: every integer kind, ranks up to 7, and zero-size dimensions.

!> Sums of 1- and 2-byte integer arrays, returned in 2 bytes and 1 byte.
subroutine small_ints(a, n, b, m, sa, sb)
  integer, intent(in) :: n, m
  integer(1), intent(in) :: a(n)
  integer(2), intent(in) :: b(m)
  integer(2), intent(out) :: sa
  integer(1), intent(out) :: sb
  sa = int(sum(int(a, 2)), 2)
  sb = int(sum(b), 1)
end subroutine small_ints

!> A rank-7 array in, its sum and element count out.
subroutine sum7(x, n1, n2, n3, n4, n5, n6, n7, total, count)
  integer, intent(in) :: n1, n2, n3, n4, n5, n6, n7
  real(8), intent(in) :: x(n1, n2, n3, n4, n5, n6, n7)
  real(8), intent(out) :: total
  integer, intent(out) :: count
  total = sum(x)
  count = size(x)
end subroutine sum7

!> A rank-3 result: x(i, j, k) = 100*i + 10*j + k.
subroutine iota3(a, b, c, x)
  integer, intent(in) :: a, b, c
  integer, intent(out) :: x(a, b, c)
  integer :: i, j, k
  do k = 1, c
    do j = 1, b
      do i = 1, a
        x(i, j, k) = 100 * i + 10 * j + k
      end do
    end do
  end do
end subroutine iota3

!> Sum of a possibly empty vector.
real(8) function total(x, n)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n)
  total = sum(x)
end function total
