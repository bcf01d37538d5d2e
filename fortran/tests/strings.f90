! End-to-end fixture: CHARACTER scalars in, out, inout and as function results.

!> Greets `name`: an assumed-length input and a fixed-length output.
subroutine greet(name, greeting)
  character(len=*), intent(in) :: name
  character(len=32), intent(out) :: greeting
  greeting = 'Hello, ' // trim(name) // '!'
end subroutine greet

!> LAPACK-style option: 'U' or 'L' picks the upper or lower sum.
real(8) function tri_sum(uplo, a, n)
  character, intent(in) :: uplo
  integer, intent(in) :: n
  real(8), intent(in) :: a(n, n)
  integer :: i, j
  tri_sum = 0
  do j = 1, n
    do i = 1, n
      if ((uplo == 'U' .and. i <= j) .or. (uplo == 'L' .and. i >= j)) tri_sum = tri_sum + a(i, j)
    end do
  end do
end function tri_sum

!> Upper-cases a word in place (returned, as a scalar inout).
subroutine shout(word)
  character(len=*), intent(inout) :: word
  integer :: i, c
  do i = 1, len(word)
    c = iachar(word(i:i))
    if (c >= iachar('a') .and. c <= iachar('z')) word(i:i) = achar(c - 32)
  end do
end subroutine shout

!> A fixed-length function result.
character(len=8) function yes_no(flag)
  logical, intent(in) :: flag
  if (flag) then
    yes_no = 'yes'
  else
    yes_no = 'no'
  end if
end function yes_no

!> 10 * len(code) + len_trim(code): a short input must arrive padded with blanks only.
integer function padded_length(code)
  character(len=4), intent(in) :: code
  padded_length = 10 * len(code) + len_trim(code)
end function padded_length
