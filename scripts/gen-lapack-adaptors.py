"""Writes fortran/linalg/lapack_adaptors.f90: Fortran adaptors for the LAPACK signatures in
fortran/linalg/lapack_{solve,eig,lsq}.pyf.src.

SciPy's signatures give LAPACK hidden workspace arrays (`intent(hide,cache) :: work`) and make
workspace queries with scalars where the main routine passes arrays. bridgegen has neither yet
(a hidden array needs a value to take; one generated shim calling the same LAPACK routine with a
scalar and with an array does not compile under gfortran >= 10), so these adaptors allocate the
workspace themselves and run the queries on one-element arrays. Run: python3 scripts/gen-lapack-adaptors.py
"""
import os
import re

P = {
    's': dict(t='real', r='real', c=False),
    'd': dict(t='double precision', r='double precision', c=False),
    'c': dict(t='complex', r='real', c=True),
    'z': dict(t='double complex', r='double precision', c=True),
}

# Each template: list of precisions, text with {p} prefix, {T} type, {R} real type.
TEMPLATES = []


def add(prefixes, text):
    TEMPLATES.append((prefixes, text))


# ---------------------------------------------------------------- solve
add('sdcz', '''
subroutine bg_{p}getri(n, a, lda, ipiv, lwork, info)
  integer :: n, lda, ipiv(*), lwork, info
  {T} :: a(*)
  {T}, allocatable :: work(:)
  external :: {p}getri
  allocate(work(max(1, lwork)))
  call {p}getri(n, a, lda, ipiv, work, lwork, info)
end subroutine bg_{p}getri

subroutine bg_{p}getri_lwork(n, work, info)
  integer :: n, info, ipiv(1)
  {T} :: work, a(1), w(1)
  external :: {p}getri
  call {p}getri(n, a, max(1, n), ipiv, w, -1, info)
  work = w(1)
end subroutine bg_{p}getri_lwork

subroutine bg_{p}sysv(uplo, n, nrhs, a, lda, ipiv, b, ldb, lwork, info)
  character :: uplo
  integer :: n, nrhs, lda, ipiv(*), ldb, lwork, info
  {T} :: a(*), b(*)
  {T}, allocatable :: work(:)
  external :: {p}sysv
  allocate(work(max(1, lwork)))
  call {p}sysv(uplo, n, nrhs, a, lda, ipiv, b, ldb, work, lwork, info)
end subroutine bg_{p}sysv

subroutine bg_{p}sysv_lwork(uplo, n, work, info)
  character :: uplo
  integer :: n, info, ipiv(1)
  {T} :: work, a(1), b(1), w(1)
  external :: {p}sysv
  call {p}sysv(uplo, n, 1, a, max(1, n), ipiv, b, max(1, n), w, -1, info)
  work = w(1)
end subroutine bg_{p}sysv_lwork

subroutine bg_{p}potrf(uplo, n, a, lda, info, clean)
  character :: uplo
  integer :: n, lda, info, clean, i, j
  {T} :: a(lda, *)
  external :: {p}potrf
  call {p}potrf(uplo, n, a, lda, info)
  if (clean == 0) return
  do j = 1, n
    do i = 1, n
      if ((uplo == 'L' .and. i < j) .or. (uplo == 'U' .and. i > j)) a(i, j) = 0
    end do
  end do
end subroutine bg_{p}potrf

{R} function bg_{p}lange(norm, m, n, a, lda) result(v)
  character :: norm
  integer :: m, n, lda
  {T} :: a(*)
  {R}, allocatable :: work(:)
  {R}, external :: {p}lange
  allocate(work(max(1, m)))
  v = {p}lange(norm, m, n, a, lda, work)
end function bg_{p}lange
''')

add('sd', '''
subroutine bg_{p}gecon(norm, n, a, lda, anorm, rcond, info)
  character :: norm
  integer :: n, lda, info
  {T} :: a(*), anorm, rcond
  {T}, allocatable :: work(:)
  integer, allocatable :: iwork(:)
  external :: {p}gecon
  allocate(work(max(1, 4 * n)), iwork(max(1, n)))
  call {p}gecon(norm, n, a, lda, anorm, rcond, work, iwork, info)
end subroutine bg_{p}gecon
''')
add('cz', '''
subroutine bg_{p}gecon(norm, n, a, lda, anorm, rcond, info)
  character :: norm
  integer :: n, lda, info
  {T} :: a(*)
  {R} :: anorm, rcond
  {T}, allocatable :: work(:)
  {R}, allocatable :: rwork(:)
  external :: {p}gecon
  allocate(work(max(1, 2 * n)), rwork(max(1, 2 * n)))
  call {p}gecon(norm, n, a, lda, anorm, rcond, work, rwork, info)
end subroutine bg_{p}gecon
''')


# ---------------------------------------------------------------- eig
add('sd', '''
subroutine bg_{p}syev(jobz, uplo, n, a, lda, w, lwork, info)
  character :: jobz, uplo
  integer :: n, lda, lwork, info
  {T} :: a(*), w(*)
  {T}, allocatable :: work(:)
  external :: {p}syev
  allocate(work(max(1, lwork)))
  call {p}syev(jobz, uplo, n, a, lda, w, work, lwork, info)
end subroutine bg_{p}syev

subroutine bg_{p}syev_lwork(uplo, n, work, info)
  character :: uplo
  integer :: n, info
  {T} :: work, a(1), w(1), wk(1)
  external :: {p}syev
  call {p}syev('N', uplo, n, a, max(1, n), w, wk, -1, info)
  work = wk(1)
end subroutine bg_{p}syev_lwork

subroutine bg_{p}syevd(jobz, uplo, n, a, lda, w, lwork, liwork, info)
  character :: jobz, uplo
  integer :: n, lda, lwork, liwork, info
  {T} :: a(*), w(*)
  {T}, allocatable :: work(:)
  integer, allocatable :: iwork(:)
  external :: {p}syevd
  allocate(work(max(1, lwork)), iwork(max(1, liwork)))
  call {p}syevd(jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info)
end subroutine bg_{p}syevd

subroutine bg_{p}syevd_lwork(jobz, uplo, n, work, iwork, info)
  character :: jobz, uplo
  integer :: n, iwork, info, iw(1)
  {T} :: work, a(1), w(1), wk(1)
  external :: {p}syevd
  call {p}syevd(jobz, uplo, n, a, max(1, n), w, wk, -1, iw, -1, info)
  work = wk(1)
  iwork = iw(1)
end subroutine bg_{p}syevd_lwork

subroutine bg_{p}geev(jobvl, jobvr, n, a, lda, wr, wi, vl, ldvl, vr, ldvr, lwork, info)
  character :: jobvl, jobvr
  integer :: n, lda, ldvl, ldvr, lwork, info
  {T} :: a(*), wr(*), wi(*), vl(*), vr(*)
  {T}, allocatable :: work(:)
  external :: {p}geev
  allocate(work(max(1, lwork)))
  call {p}geev(jobvl, jobvr, n, a, lda, wr, wi, vl, ldvl, vr, ldvr, work, lwork, info)
end subroutine bg_{p}geev

subroutine bg_{p}geev_lwork(jobvl, jobvr, n, ldvl, ldvr, work, info)
  character :: jobvl, jobvr
  integer :: n, ldvl, ldvr, info
  {T} :: work, a(1), wr(1), wi(1), vl(1), vr(1), wk(1)
  external :: {p}geev
  call {p}geev(jobvl, jobvr, n, a, max(1, n), wr, wi, vl, ldvl, vr, ldvr, wk, -1, info)
  work = wk(1)
end subroutine bg_{p}geev_lwork
''')

add('cz', '''
subroutine bg_{p}heev(jobz, uplo, n, a, lda, w, lwork, info)
  character :: jobz, uplo
  integer :: n, lda, lwork, info
  {T} :: a(*)
  {R} :: w(*)
  {T}, allocatable :: work(:)
  {R}, allocatable :: rwork(:)
  external :: {p}heev
  allocate(work(max(1, lwork)), rwork(max(1, 3 * n - 2)))
  call {p}heev(jobz, uplo, n, a, lda, w, work, lwork, rwork, info)
end subroutine bg_{p}heev

subroutine bg_{p}heev_lwork(uplo, n, work, info)
  character :: uplo
  integer :: n, info
  {T} :: work, a(1), wk(1)
  {R} :: w(1), rwork(1)
  external :: {p}heev
  call {p}heev('N', uplo, n, a, max(1, n), w, wk, -1, rwork, info)
  work = wk(1)
end subroutine bg_{p}heev_lwork

subroutine bg_{p}heevd(jobz, uplo, n, a, lda, w, lwork, liwork, lrwork, info)
  character :: jobz, uplo
  integer :: n, lda, lwork, liwork, lrwork, info
  {T} :: a(*)
  {R} :: w(*)
  {T}, allocatable :: work(:)
  {R}, allocatable :: rwork(:)
  integer, allocatable :: iwork(:)
  external :: {p}heevd
  allocate(work(max(1, lwork)), rwork(max(1, lrwork)), iwork(max(1, liwork)))
  call {p}heevd(jobz, uplo, n, a, lda, w, work, lwork, rwork, lrwork, iwork, liwork, info)
end subroutine bg_{p}heevd

subroutine bg_{p}heevd_lwork(jobz, uplo, n, work, iwork, rwork, info)
  character :: jobz, uplo
  integer :: n, iwork, info, iw(1)
  {T} :: work, a(1), wk(1)
  {R} :: rwork, w(1), rw(1)
  external :: {p}heevd
  call {p}heevd(jobz, uplo, n, a, max(1, n), w, wk, -1, rw, -1, iw, -1, info)
  work = wk(1)
  rwork = rw(1)
  iwork = iw(1)
end subroutine bg_{p}heevd_lwork

subroutine bg_{p}geev(jobvl, jobvr, n, a, lda, w, vl, ldvl, vr, ldvr, lwork, info)
  character :: jobvl, jobvr
  integer :: n, lda, ldvl, ldvr, lwork, info
  {T} :: a(*), w(*), vl(*), vr(*)
  {T}, allocatable :: work(:)
  {R}, allocatable :: rwork(:)
  external :: {p}geev
  allocate(work(max(1, lwork)), rwork(max(1, 2 * n)))
  call {p}geev(jobvl, jobvr, n, a, lda, w, vl, ldvl, vr, ldvr, work, lwork, rwork, info)
end subroutine bg_{p}geev

subroutine bg_{p}geev_lwork(jobvl, jobvr, n, ldvl, ldvr, work, info)
  character :: jobvl, jobvr
  integer :: n, ldvl, ldvr, info
  {T} :: work, a(1), w(1), vl(1), vr(1), wk(1)
  {R} :: rwork(1)
  external :: {p}geev
  call {p}geev(jobvl, jobvr, n, a, max(1, n), w, vl, ldvl, vr, ldvr, wk, -1, rwork, info)
  work = wk(1)
end subroutine bg_{p}geev_lwork
''')

# ---------------------------------------------------------------- lsq
add('sd', '''
subroutine bg_{p}gesdd(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, lwork, info)
  character :: jobz
  integer :: m, n, lda, ldu, ldvt, lwork, info
  {T} :: a(*), s(*), u(*), vt(*)
  {T}, allocatable :: work(:)
  integer, allocatable :: iwork(:)
  external :: {p}gesdd
  allocate(work(max(1, lwork)), iwork(max(1, 8 * min(m, n))))
  call {p}gesdd(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info)
end subroutine bg_{p}gesdd

subroutine bg_{p}gesdd_lwork(jobz, m, n, ldu, ldvt, work, info)
  character :: jobz
  integer :: m, n, ldu, ldvt, info, iwork(1)
  {T} :: work, a(1), s(1), u(1), vt(1), wk(1)
  external :: {p}gesdd
  call {p}gesdd(jobz, m, n, a, max(1, m), s, u, ldu, vt, ldvt, wk, -1, iwork, info)
  work = wk(1)
end subroutine bg_{p}gesdd_lwork

subroutine bg_{p}gesvd(jobu, jobvt, m, n, a, lda, s, u, ldu, vt, ldvt, lwork, info)
  character :: jobu, jobvt
  integer :: m, n, lda, ldu, ldvt, lwork, info
  {T} :: a(*), s(*), u(*), vt(*)
  {T}, allocatable :: work(:)
  external :: {p}gesvd
  allocate(work(max(1, lwork)))
  call {p}gesvd(jobu, jobvt, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, info)
end subroutine bg_{p}gesvd

subroutine bg_{p}gesvd_lwork(jobu, jobvt, m, n, ldu, ldvt, work, info)
  character :: jobu, jobvt
  integer :: m, n, ldu, ldvt, info
  {T} :: work, a(1), s(1), u(1), vt(1), wk(1)
  external :: {p}gesvd
  call {p}gesvd(jobu, jobvt, m, n, a, max(1, m), s, u, ldu, vt, ldvt, wk, -1, info)
  work = wk(1)
end subroutine bg_{p}gesvd_lwork
''')

add('cz', '''
subroutine bg_{p}gesdd(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, lwork, info)
  character :: jobz
  integer :: m, n, lda, ldu, ldvt, lwork, info, mn
  {T} :: a(*), u(*), vt(*)
  {R} :: s(*)
  {T}, allocatable :: work(:)
  {R}, allocatable :: rwork(:)
  integer, allocatable :: iwork(:)
  external :: {p}gesdd
  mn = min(m, n)
  allocate(work(max(1, lwork)), iwork(max(1, 8 * mn)))
  if (jobz == 'N') then
    allocate(rwork(max(1, 7 * mn)))
  else
    allocate(rwork(max(1, mn * max(5 * mn + 7, 2 * max(m, n) + 2 * mn + 1))))
  end if
  call {p}gesdd(jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, rwork, iwork, info)
end subroutine bg_{p}gesdd

subroutine bg_{p}gesdd_lwork(jobz, m, n, ldu, ldvt, work, info)
  character :: jobz
  integer :: m, n, ldu, ldvt, info, iwork(1)
  {T} :: work, a(1), u(1), vt(1), wk(1)
  {R} :: s(1), rwork(1)
  external :: {p}gesdd
  call {p}gesdd(jobz, m, n, a, max(1, m), s, u, ldu, vt, ldvt, wk, -1, rwork, iwork, info)
  work = wk(1)
end subroutine bg_{p}gesdd_lwork

subroutine bg_{p}gesvd(jobu, jobvt, m, n, a, lda, s, u, ldu, vt, ldvt, lwork, info)
  character :: jobu, jobvt
  integer :: m, n, lda, ldu, ldvt, lwork, info
  {T} :: a(*), u(*), vt(*)
  {R} :: s(*)
  {T}, allocatable :: work(:)
  {R}, allocatable :: rwork(:)
  external :: {p}gesvd
  allocate(work(max(1, lwork)), rwork(max(1, 5 * min(m, n))))
  call {p}gesvd(jobu, jobvt, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, rwork, info)
end subroutine bg_{p}gesvd

subroutine bg_{p}gesvd_lwork(jobu, jobvt, m, n, ldu, ldvt, work, info)
  character :: jobu, jobvt
  integer :: m, n, ldu, ldvt, info
  {T} :: work, a(1), u(1), vt(1), wk(1)
  {R} :: s(1), rwork(1)
  external :: {p}gesvd
  call {p}gesvd(jobu, jobvt, m, n, a, max(1, m), s, u, ldu, vt, ldvt, wk, -1, rwork, info)
  work = wk(1)
end subroutine bg_{p}gesvd_lwork
''')

add('sdcz', '''
subroutine bg_{p}geqrf_lwork(m, n, work, info)
  integer :: m, n, info
  {T} :: work, a(1), tau(1), wk(1)
  external :: {p}geqrf
  call {p}geqrf(m, n, a, max(1, m), tau, wk, -1, info)
  work = wk(1)
end subroutine bg_{p}geqrf_lwork

subroutine bg_{p}gels(trans, m, n, nrhs, a, lda, b, ldb, lwork, info)
  character :: trans
  integer :: m, n, nrhs, lda, ldb, lwork, info
  {T} :: a(*), b(*)
  {T}, allocatable :: work(:)
  external :: {p}gels
  allocate(work(max(1, lwork)))
  call {p}gels(trans, m, n, nrhs, a, lda, b, ldb, work, lwork, info)
end subroutine bg_{p}gels

subroutine bg_{p}gels_lwork(trans, m, n, nrhs, work, info)
  character :: trans
  integer :: m, n, nrhs, info
  {T} :: work, a(1), b(1), wk(1)
  external :: {p}gels
  call {p}gels(trans, m, n, nrhs, a, max(1, m), b, max(1, m, n), wk, -1, info)
  work = wk(1)
end subroutine bg_{p}gels_lwork
''')

HERE = os.path.dirname(os.path.abspath(__file__))
EXTRA = os.path.join(HERE, 'lapack-adaptors')


def main():
    # More templates (eig, lsq) live next to this script as .f90.in files with the same placeholders.
    if os.path.isdir(EXTRA):
        for f in sorted(os.listdir(EXTRA)):
            text = open(os.path.join(EXTRA, f)).read()
            for block in re.split(r'^!! prefixes: ', text, flags=re.M)[1:]:
                prefixes, body = block.split('\n', 1)
                add(prefixes.strip(), body)
    out = ['! generated by scripts/gen-lapack-adaptors.py — do not edit',
           '! Adaptors for fortran/linalg/lapack_{solve,eig,lsq}.pyf.src: LAPACK calls whose workspace',
           '! (work, iwork, rwork) is allocated here, and workspace queries on one-element arrays.', '']
    for prefixes, text in TEMPLATES:
        for p in prefixes:
            d = P[p]
            out.append(text.strip('\n').replace('{p}', p).replace('{T}', d['t']).replace('{R}', d['r']))
            out.append('')
    path = os.path.join(HERE, '..', 'fortran', 'linalg', 'lapack_adaptors.f90')
    with open(path, 'w') as fh:
        fh.write('\n'.join(out))


main()
