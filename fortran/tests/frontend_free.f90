! Front-end test fixture: free-form Fortran with modules, kinds, intents and docs.
module kinds_m
  use, intrinsic :: iso_c_binding, only: c_int, c_double
  use iso_fortran_env, only: wp => real64, int64
  implicit none
  private
  public :: scale, norm2x
  integer, parameter :: sp = selected_real_kind(6)
  integer, parameter :: dp = kind(1.d0)
  integer, parameter :: ik = c_int

  type :: point
    real(dp) :: x, y
  contains
    procedure :: len => point_len
  end type point

  interface norm
    module procedure norm2x
  end interface norm

contains

  !> Scale a vector in place.
  !> Multiplies every element by `alpha`.
  pure subroutine scale(n, alpha, x)
    integer(ik), intent(in) :: n          !< number of elements
    real(wp), intent(in) :: alpha         !< the factor
    real(c_double), intent(inout) :: x(n) !< the vector
    x = alpha * x
  end subroutine scale

  function norm2x(x) result(nrm)
    !! Euclidean norm.
    real(dp), intent(in) :: x(:)
    real(dp) :: nrm
    nrm = sqrt(sum(x**2))
  end function norm2x

  subroutine hidden_helper(k)
    integer(int64), intent(out) :: k
    k = 1
  end subroutine hidden_helper

  real(dp) function point_len(p)
    class(point), intent(in) :: p
    point_len = sqrt(p%x**2 + p%y**2)
  end function point_len
end module kinds_m

! Sum of a matrix; a callback interface and an internal procedure.
subroutine matsum(a, m, n, s, f, opt)
  implicit none
  integer, intent(in) :: m, n
  real(kind=8), dimension(m, n), intent(in) :: a
  real*8, intent(out) :: s
  real(8), intent(in), optional :: opt
  interface
    function f(x) result(y)
      real(8), intent(in) :: x
      real(8) :: y
    end function f
  end interface
  integer :: i, j
  s = 0; do j = 1, n; do i = 1, m
    s = s + f(a(i, j))
  end do; end do
  if (present(opt)) s = s + opt
  call report()
contains
  subroutine report()
    print *, 'end subroutine matsum'
  end subroutine report
end subroutine matsum

integer*8 function count_pos(x, n) bind(c)
  integer n
  real x(0:n-1)
!f2py intent(in) x
  count_pos = count(x > 0)
end

subroutine strings(name, names, k, z, flag)
  character(len=*), intent(in) :: name
  character*8 names(k)
  integer, intent(in) :: k
  double complex, intent(out) :: z
  logical(1), intent(inout) :: flag
  z = (1.0d0, &
       & 2.0d0)
end subroutine

program main
  print *, "main"
end program main
