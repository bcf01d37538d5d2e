! bridgegen/linalg: Fortran adaptors where SciPy's signatures do in a `callstatement` what a
! signature file alone cannot (here: an integer trans flag -> BLAS's 'N'/'T'/'C').

subroutine bg_sgemm(m, n, k, alpha, a, b, beta, c, trans_a, trans_b, lda, ka, ldb, kb)
  integer, intent(in) :: m, n, k, trans_a, trans_b, lda, ka, ldb, kb
  real, intent(in) :: alpha, beta, a(lda, ka), b(ldb, kb)
  real, intent(inout) :: c(m, n)
  external :: sgemm
  call sgemm(op(trans_a), op(trans_b), m, n, k, alpha, a, lda, b, ldb, beta, c, max(m, 1))
contains
  character function op(t)
    integer, intent(in) :: t
    op = merge('N', merge('T', 'C', t == 1), t == 0)
  end function op
end subroutine bg_sgemm

subroutine bg_dgemm(m, n, k, alpha, a, b, beta, c, trans_a, trans_b, lda, ka, ldb, kb)
  integer, intent(in) :: m, n, k, trans_a, trans_b, lda, ka, ldb, kb
  double precision, intent(in) :: alpha, beta, a(lda, ka), b(ldb, kb)
  double precision, intent(inout) :: c(m, n)
  external :: dgemm
  call dgemm(op(trans_a), op(trans_b), m, n, k, alpha, a, lda, b, ldb, beta, c, max(m, 1))
contains
  character function op(t)
    integer, intent(in) :: t
    op = merge('N', merge('T', 'C', t == 1), t == 0)
  end function op
end subroutine bg_dgemm

subroutine bg_cgemm(m, n, k, alpha, a, b, beta, c, trans_a, trans_b, lda, ka, ldb, kb)
  integer, intent(in) :: m, n, k, trans_a, trans_b, lda, ka, ldb, kb
  complex, intent(in) :: alpha, beta, a(lda, ka), b(ldb, kb)
  complex, intent(inout) :: c(m, n)
  external :: cgemm
  call cgemm(op(trans_a), op(trans_b), m, n, k, alpha, a, lda, b, ldb, beta, c, max(m, 1))
contains
  character function op(t)
    integer, intent(in) :: t
    op = merge('N', merge('T', 'C', t == 1), t == 0)
  end function op
end subroutine bg_cgemm

subroutine bg_zgemm(m, n, k, alpha, a, b, beta, c, trans_a, trans_b, lda, ka, ldb, kb)
  integer, intent(in) :: m, n, k, trans_a, trans_b, lda, ka, ldb, kb
  double complex, intent(in) :: alpha, beta, a(lda, ka), b(ldb, kb)
  double complex, intent(inout) :: c(m, n)
  external :: zgemm
  call zgemm(op(trans_a), op(trans_b), m, n, k, alpha, a, lda, b, ldb, beta, c, max(m, 1))
contains
  character function op(t)
    integer, intent(in) :: t
    op = merge('N', merge('T', 'C', t == 1), t == 0)
  end function op
end subroutine bg_zgemm
