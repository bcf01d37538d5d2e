! Golden case `rank2`: rank-2 inputs and outputs, dimension expressions (`2*n+1`, `0:n`,
! `n-(k-1)`), flat and ndarray arguments.

!> y := A x for A(m, n).
subroutine matvec(a, x, y, m, n)
  integer, intent(in) :: m, n
  real(8), intent(in) :: a(m, n), x(n)
  real(8), intent(out) :: y(m)
  y = matmul(a, x)
end subroutine matvec

!> Scales A(m, n) in place.
subroutine scale2(a, m, n, s)
  integer, intent(in) :: m, n
  real(8), intent(inout) :: a(m, n)
  real(8), intent(in) :: s
  a = s * a
end subroutine scale2

!> Outputs sized by expressions of an input size.
subroutine expand(x, n, k, y, z, w)
  integer, intent(in) :: n, k
  real(8), intent(in) :: x(0:n)
  real(8), intent(out) :: y(2*n+1, n)
  real(4), intent(out) :: z(0:n, 3)
  integer, intent(out) :: w(n-(k-1))
  y = 0; z = 0; w = 0
  y(1, 1) = x(0)
end subroutine expand

!> An integer matrix in, its transpose out.
subroutine transp(a, lda, n, b)
  integer, intent(in) :: lda, n
  integer, intent(in) :: a(lda, n)
  integer, intent(out) :: b(n, lda)
  b = transpose(a)
end subroutine transp
