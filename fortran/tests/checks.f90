! Routines for test/e2e/checks.test.ts, wrapped through signatures/checks.pyf: F2Py's computed
! defaults (x(0:n) with n=shape(x,0)-1, lda=max(shape(a,0),1), lwork=max(3*n,1)) and check(...).

! Sum of i*x(i) over x(0:n); returns lwork so the test sees its default.
subroutine weighted_sum(x, lwork, n, s, lw)
  integer, intent(in) :: lwork, n
  real(8), intent(in) :: x(0:n)
  real(8), intent(out) :: s
  integer, intent(out) :: lw
  integer :: i
  s = 0
  do i = 0, n
    s = s + i * x(i)
  end do
  lw = lwork
end subroutine weighted_sum

! Trace of the leading n-by-n block of a(lda, n), LAPACK style; returns lda and lwork.
subroutine trace_of(a, lda, n, lwork, t, ld, lw)
  integer, intent(in) :: lda, n, lwork
  real(8), intent(in) :: a(lda, n)
  real(8), intent(out) :: t
  integer, intent(out) :: ld, lw
  integer :: i
  t = 0
  do i = 1, n
    t = t + a(i, i)
  end do
  ld = lda
  lw = lwork
end subroutine trace_of

! scale * (x(1) + ... + x(n)): nothing in x's declaration says n <= m, only the check does.
subroutine head_sum(x, m, n, scale, s)
  integer, intent(in) :: m, n
  real(8), intent(in) :: x(m), scale
  real(8), intent(out) :: s
  s = scale * sum(x(1:n))
end subroutine head_sum

! Stands in for LAPACK's sygvd (signatures/checks.pyf gives SciPy's defaults, which compare the
! jobz character): returns the workspace sizes it was given, and v(i) = i when jobz = 'V'.
subroutine eig_work(jobz, n, lwork, liwork, v, lw, liw)
  character, intent(in) :: jobz
  integer, intent(in) :: n, lwork, liwork
  real(8), intent(out) :: v(*)
  integer, intent(out) :: lw, liw
  integer :: i
  if (jobz == 'V') then
    do i = 1, n
      v(i) = i
    end do
  end if
  lw = lwork
  liw = liwork
end subroutine eig_work
