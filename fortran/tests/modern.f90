! End-to-end fixture: module procedures with what needs an explicit interface: assumed-shape
! arrays, OPTIONAL and VALUE arguments, and dimensions given by size().
module stats
  implicit none
  private
  public :: mean, scale, colsum, add, count_given
  integer, parameter :: dp = kind(1.d0)
contains
  !> Mean of x, weighted when w is given.
  function mean(x, w) result(m)
    real(dp), intent(in) :: x(:)
    real(dp), intent(in), optional :: w(:)
    real(dp) :: m
    if (present(w)) then
      m = sum(x * w) / sum(w)
    else
      m = sum(x) / size(x)
    end if
  end function mean

  !> Scales a matrix in place; by 2 when no factor is given.
  subroutine scale(a, factor)
    real(dp), intent(inout) :: a(:, :)
    real(dp), intent(in), optional :: factor
    if (present(factor)) then
      a = a * factor
    else
      a = a * 2
    end if
  end subroutine scale

  !> Column sums: the output is sized by size(a, 2).
  subroutine colsum(a, s)
    real(dp), intent(in) :: a(:, :)
    real(dp), intent(out) :: s(size(a, 2))
    s = sum(a, dim=1)
  end subroutine colsum

  !> VALUE arguments.
  integer function add(i, j)
    integer, value :: i, j
    add = i + j
  end function add

  !> How many of the optional arguments were given.
  integer function count_given(a, b, c)
    integer, intent(in), optional :: a
    real(dp), intent(in), optional :: b
    logical, intent(in), optional :: c
    count_given = 0
    if (present(a)) count_given = count_given + 1
    if (present(b)) count_given = count_given + 1
    if (present(c)) count_given = count_given + 1
  end function count_given

  !> Private: not exported.
  subroutine hidden_helper()
  end subroutine hidden_helper
end module stats

!> Module data: variables, constants, an allocatable array and a protected value.
module state
  implicit none
  integer, parameter :: nmax = 3
  real(8), parameter :: pi = 3.141592653589793d0
  integer(8), parameter :: big = 2_8**40
  integer, parameter :: primes(4) = [2, 3, 5, 7]
  character(len=*), parameter :: version = '1.2'
  logical, parameter :: debug = .false.
  integer :: counter = 0
  real(8) :: weights(nmax) = [1d0, 2d0, 3d0]
  real(8) :: grid(2, 3)
  real(8), allocatable :: samples(:)
  character(len=8) :: label = 'start'
  complex(8) :: z = (1d0, -1d0)
  logical :: enabled = .true.
  integer, protected :: version_code = 12
contains
  !> Adds `step` to the counter and returns the sum of weights times the counter.
  real(8) function bump(step)
    integer, intent(in) :: step
    counter = counter + step
    bump = sum(weights) * counter
  end function bump

  !> Sum of the samples, or -1 when not allocated.
  real(8) function sample_sum()
    if (allocated(samples)) then
      sample_sum = sum(samples)
    else
      sample_sum = -1
    end if
  end function sample_sum

  !> Fills samples with 1..n.
  subroutine make_samples(n)
    integer, intent(in) :: n
    integer :: i
    if (allocated(samples)) deallocate(samples)
    allocate(samples(n))
    samples = [(real(i, 8), i = 1, n)]
  end subroutine make_samples
end module state

!> A common block shared by two routines.
subroutine set_params(a, b)
  real(8), intent(in) :: a
  integer, intent(in) :: b
  real(8) :: alpha
  integer :: iters(2)
  common /params/ alpha, iters
  alpha = a
  iters = b
end subroutine set_params
