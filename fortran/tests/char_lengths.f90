! End-to-end fixture: an output of assumed length (`len=*`), which only a signature file's
! declared length (signatures/char_lengths.pyf) can wrap.

!> Fills labels(i) = 'L' // i // '/' // the length it sees.
subroutine fill_any(labels, n)
  integer, intent(in) :: n
  character(len=*), intent(out) :: labels(n)
  integer :: i
  do i = 1, n
    write (labels(i), '(a,i0,a,i0)') 'L', i, '/', len(labels)
  end do
end subroutine fill_any
