! bridgegen/linalg: the one LAPACK adaptor a signature cannot express. SciPy's potrf takes
! `clean` (default 1) and, after ?POTRF, zeroes the triangle the factor does not use: C code in
! SciPy's callstatement, which bridgegen's callstatement (a plain call) cannot hold. Everything
! else in fortran/linalg/lapack_*.pyf.src calls LAPACK directly (hidden workspace arrays and
! scalar workspace queries are the generator's). Written by hand; called as bg_<p>potrf by
! lapack_solve.pyf.src.

subroutine bg_spotrf(uplo, n, a, lda, info, clean)
  character :: uplo
  integer :: n, lda, info, clean, i, j
  real :: a(lda, *)
  external :: spotrf
  call spotrf(uplo, n, a, lda, info)
  if (clean == 0) return
  do j = 1, n
    do i = 1, n
      if ((uplo == 'L' .and. i < j) .or. (uplo == 'U' .and. i > j)) a(i, j) = 0
    end do
  end do
end subroutine bg_spotrf

subroutine bg_dpotrf(uplo, n, a, lda, info, clean)
  character :: uplo
  integer :: n, lda, info, clean, i, j
  double precision :: a(lda, *)
  external :: dpotrf
  call dpotrf(uplo, n, a, lda, info)
  if (clean == 0) return
  do j = 1, n
    do i = 1, n
      if ((uplo == 'L' .and. i < j) .or. (uplo == 'U' .and. i > j)) a(i, j) = 0
    end do
  end do
end subroutine bg_dpotrf

subroutine bg_cpotrf(uplo, n, a, lda, info, clean)
  character :: uplo
  integer :: n, lda, info, clean, i, j
  complex :: a(lda, *)
  external :: cpotrf
  call cpotrf(uplo, n, a, lda, info)
  if (clean == 0) return
  do j = 1, n
    do i = 1, n
      if ((uplo == 'L' .and. i < j) .or. (uplo == 'U' .and. i > j)) a(i, j) = 0
    end do
  end do
end subroutine bg_cpotrf

subroutine bg_zpotrf(uplo, n, a, lda, info, clean)
  character :: uplo
  integer :: n, lda, info, clean, i, j
  double complex :: a(lda, *)
  external :: zpotrf
  call zpotrf(uplo, n, a, lda, info)
  if (clean == 0) return
  do j = 1, n
    do i = 1, n
      if ((uplo == 'L' .and. i < j) .or. (uplo == 'U' .and. i > j)) a(i, j) = 0
    end do
  end do
end subroutine bg_zpotrf
