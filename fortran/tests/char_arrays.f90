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

! Assumed length (`len=*`): the element length is the longest string's.

!> The sum of the names' trimmed lengths, times 100, plus their common length.
integer function total_length(names, n)
  integer, intent(in) :: n
  character(len=*), intent(in) :: names(n)
  integer :: i
  total_length = len(names)
  do i = 1, n
    total_length = total_length + 100 * len_trim(names(i))
  end do
end function total_length

!> Upper-cases every name in place and says the length it saw (intent(inout): returned).
subroutine upcase_any(names, n, width)
  integer, intent(in) :: n
  character(len=*), intent(inout) :: names(n)
  integer, intent(out) :: width
  integer :: i, j, c
  width = len(names)
  do j = 1, n
    do i = 1, len(names(j))
      c = iachar(names(j)(i:i))
      if (c >= iachar('a') .and. c <= iachar('z')) names(j)(i:i) = achar(c - 32)
    end do
  end do
end subroutine upcase_any

!> Appends '!' to every element of a rank-2 table; what does not fit the length is cut (in,out).
subroutine exclaim(t, m, n)
  integer, intent(in) :: m, n
  character(len=*), intent(inout) :: t(m, n)
!f2py intent(in,out) :: t
  integer :: i, j
  do j = 1, n
    do i = 1, m
      t(i, j) = trim(t(i, j)) // '!'
    end do
  end do
end subroutine exclaim

module char_shapes
  implicit none
contains
  !> Joins assumed-shape, assumed-length names with ',' and says their length and count.
  subroutine join_names(names, joined, width, count)
    character(len=*), intent(in) :: names(:)
    character(len=60), intent(out) :: joined
    integer, intent(out) :: width, count
    integer :: i
    width = len(names)
    count = size(names)
    joined = ''
    do i = 1, size(names)
      if (i > 1) joined = trim(joined) // ','
      joined = trim(joined) // trim(names(i))
    end do
  end subroutine join_names

  !> Reverses each trimmed element of an assumed-shape rank-2 table of constant length, in place.
  subroutine reverse_all(t)
    character(len=5), intent(inout) :: t(:, :)
!f2py intent(in,out) :: t
    integer :: i, j, k, l
    character(len=5) :: r
    do j = 1, size(t, 2)
      do i = 1, size(t, 1)
        l = len_trim(t(i, j))
        r = ''
        do k = 1, l
          r(k:k) = t(i, j)(l - k + 1:l - k + 1)
        end do
        t(i, j) = r
      end do
    end do
  end subroutine reverse_all
end module char_shapes
