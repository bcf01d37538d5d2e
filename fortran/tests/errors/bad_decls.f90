! Diagnostics fixture: two broken routines; both errors must be reported, with positions.
subroutine broken_kind(x)
  real(kind=wp), intent(in) :: x
end subroutine broken_kind

subroutine broken_decl(n, y)
  integer, intent(in) :: n
  real(8), intent(out) :: y(n
end subroutine broken_decl
