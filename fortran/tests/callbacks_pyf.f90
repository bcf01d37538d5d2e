! End-to-end fixture for callbacks declared in a signature file's `__user__routines` module
! (signatures/callbacks_pyf.pyf, test/e2e/callbacks-pyf.test.ts): the routines declare their
! procedure arguments `external` only, as LAPACK's gees/gges do.

! Counts the pairs (wr(i), wi(i)) a LOGICAL function accepts, as gees counts selected eigenvalues.
subroutine count_selected(select, n, wr, wi, sdim)
  integer, intent(in) :: n
  real(8), intent(in) :: wr(n), wi(n)
  integer, intent(out) :: sdim
  logical, external :: select
  integer :: i
  sdim = 0
  do i = 1, n
    if (select(wr(i), wi(i))) sdim = sdim + 1
  end do
end subroutine count_selected

! The same over complex values, as cgees does.
subroutine count_complex(cselect, n, w, sdim)
  integer, intent(in) :: n
  complex(8), intent(in) :: w(n)
  integer, intent(out) :: sdim
  logical, external :: cselect
  integer :: i
  sdim = 0
  do i = 1, n
    if (cselect(w(i))) sdim = sdim + 1
  end do
end subroutine count_complex

! f(1) + ... + f(n): the callback is renamed from the module's `fun` (F2Py's `use m, f=>fun`).
subroutine sum_of(f, n, total)
  integer, intent(in) :: n
  real(8), intent(out) :: total
  real(8), external :: f
  integer :: i
  total = 0
  do i = 1, n
    total = total + f(i)
  end do
end subroutine sum_of
