! End-to-end fixture: CHARACTER arrays (string[] in JS) in, out, inout and in,out.

!> Upper-cases every name (intent(inout): returned, as JS strings are immutable).
subroutine upcase(names, n)
  integer, intent(in) :: n
  character(len=8), intent(inout) :: names(n)
  integer :: i, j, c
  do j = 1, n
    do i = 1, len(names(j))
      c = iachar(names(j)(i:i))
      if (c >= iachar('a') .and. c <= iachar('z')) names(j)(i:i) = achar(c - 32)
    end do
  end do
end subroutine upcase

!> Counts the codes equal to `want`; 100 * that plus the count of fully padded (blank) tails.
integer function count_codes(codes, n, want)
  integer, intent(in) :: n
  character(len=3), intent(in) :: codes(n)
  character(len=3), intent(in) :: want
  integer :: i
  count_codes = 0
  do i = 1, n
    if (codes(i) == want) count_codes = count_codes + 100
    if (codes(i)(3:3) == ' ') count_codes = count_codes + 1
  end do
end function count_codes

!> Fills labels(i) = 'L' // i (out, sized by n).
subroutine make_labels(n, labels)
  integer, intent(in) :: n
  character(len=6), intent(out) :: labels(n)
  integer :: i
  do i = 1, n
    write (labels(i), '(a,i0)') 'L', i
  end do
end subroutine make_labels

!> A rank-2 table: t(i, j) gets its column's first letter appended; returned (in,out).
subroutine tag_table(t, m, n)
  integer, intent(in) :: m, n
  character(len=4), intent(inout) :: t(m, n)
!f2py intent(in,out) :: t
  integer :: i, j
  do j = 1, n
    do i = 1, m
      t(i, j) = trim(t(i, j)) // t(1, j)(1:1)
    end do
  end do
end subroutine tag_table

!> Joins a rank-2 table in column-major order with '|' into one string.
subroutine join_table(t, m, n, joined)
  integer, intent(in) :: m, n
  character(len=2), intent(in) :: t(m, n)
  character(len=40), intent(out) :: joined
  integer :: i, j
  joined = ''
  do j = 1, n
    do i = 1, m
      joined = trim(joined) // '|' // t(i, j)
    end do
  end do
end subroutine join_table
