! Golden case `values`: COMPLEX, LOGICAL and CHARACTER scalars and arrays in every direction.

!> Unconjugated dot product sum(x*y) of double complex vectors.
complex(8) function zdotu_x(n, x, y)
  integer, intent(in) :: n
  complex(8), intent(in) :: x(n), y(n)
  zdotu_x = sum(x * y)
end function zdotu_x

!> Scales a single-precision complex vector in place.
subroutine cscale(n, a, x)
  integer, intent(in) :: n
  complex, intent(in) :: a
  complex, intent(inout) :: x(n)
  x = a * x
end subroutine cscale

!> Conjugate and modulus of a double complex matrix.
subroutine zconj(a, m, n, b, absa)
  integer, intent(in) :: m, n
  double complex, intent(in) :: a(m, n)
  complex*16, intent(out) :: b(m, n)
  real(8), intent(out) :: absa(m, n)
  b = conjg(a)
  absa = abs(a)
end subroutine zconj

!> The polar form r*exp(i*theta) as a complex scalar result next to a real one.
subroutine polar(r, theta, z, re)
  real(8), intent(in) :: r, theta
  complex(8), intent(out) :: z
  real(8), intent(out) :: re
  z = r * exp(cmplx(0d0, theta, kind=8))
  re = real(z)
end subroutine polar

!> Whether any flag is set.
logical function any_true(flags, n)
  integer, intent(in) :: n
  logical, intent(in) :: flags(n)
  any_true = any(flags)
end function any_true

!> out = .not. flags.
subroutine negate(flags, n, out)
  integer, intent(in) :: n
  logical, intent(in) :: flags(n)
  logical, intent(out) :: out(n)
  out = .not. flags
end subroutine negate

!> Flips one-byte logicals in place.
subroutine flip_inplace(flags, n)
  integer, intent(in) :: n
  logical(1), intent(inout) :: flags(n)
  flags = .not. flags
end subroutine flip_inplace

!> a .and. b, and whether x is positive.
subroutine both(a, b, x, r, positive)
  logical, intent(in) :: a, b
  real(8), intent(in) :: x
  logical, intent(out) :: r, positive
  r = a .and. b
  positive = x > 0
end subroutine both

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
