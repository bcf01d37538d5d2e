! bridgegen/linalg: the LAPACK adaptors a signature cannot express, written by hand. SciPy's
! potrf takes `clean` (default 1) and, after ?POTRF, zeroes the triangle the factor does not use;
! SciPy's gejsv copies work(1:7) and iwork(1:3) out after ?GEJSV: C code in SciPy's
! callstatements, which bridgegen's callstatement (a plain call) cannot hold. Everything else in
! fortran/linalg/lapack_*.pyf.src calls LAPACK directly (hidden workspace arrays and scalar
! workspace queries are the generator's). Called as bg_<p>potrf by lapack_solve.pyf.src and
! bg_<p>gejsv by lapack_other.pyf.src.

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

! SciPy's gejsv returns work(1:7) and iwork(1:3) (scaling and rank information) as workout and
! iworkout, copied in its callstatement after ?GEJSV; called as bg_<p>gejsv by lapack_other.pyf.src.
subroutine bg_sgejsv(joba, jobu, jobv, jobr, jobt, jobp, m, n, a, lda, sva, u, ldu, v, ldv, work, lwork, iwork, info, &
                     workout, iworkout)
  character :: joba, jobu, jobv, jobr, jobt, jobp
  integer :: m, n, lda, ldu, ldv, lwork, info, iwork(*), iworkout(3)
  real :: a(lda, *), sva(*), u(ldu, *), v(ldv, *), work(*), workout(7)
  external :: sgejsv
  call sgejsv(joba, jobu, jobv, jobr, jobt, jobp, m, n, a, lda, sva, u, ldu, v, ldv, work, lwork, iwork, info)
  workout = work(1:7)
  iworkout = iwork(1:3)
end subroutine bg_sgejsv

subroutine bg_dgejsv(joba, jobu, jobv, jobr, jobt, jobp, m, n, a, lda, sva, u, ldu, v, ldv, work, lwork, iwork, info, &
                     workout, iworkout)
  character :: joba, jobu, jobv, jobr, jobt, jobp
  integer :: m, n, lda, ldu, ldv, lwork, info, iwork(*), iworkout(3)
  double precision :: a(lda, *), sva(*), u(ldu, *), v(ldv, *), work(*), workout(7)
  external :: dgejsv
  call dgejsv(joba, jobu, jobv, jobr, jobt, jobp, m, n, a, lda, sva, u, ldu, v, ldv, work, lwork, iwork, info)
  workout = work(1:7)
  iworkout = iwork(1:3)
end subroutine bg_dgejsv
