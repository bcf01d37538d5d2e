C     Golden case `fixed`: fixed form, LAPACK style: Cf2py directives,
C     DOUBLE PRECISION function, assumed-size arrays given their extent
C     by Cf2py dimension(...) lines (as F2Py needs), continuation lines.
*
*>    DX := DA*DX, returned (F2Py intent(in,out)).
      SUBROUTINE DSCALX(N, DA, DX, INCX)
Cf2py intent(in,out) dx
Cf2py dimension(1+(n-1)*incx) :: dx
      INTEGER N, INCX
      DOUBLE PRECISION DA, DX(*)
      INTEGER I
      DO 10 I = 1, N
         DX(1 + (I-1)*INCX) = DA*DX(1 + (I-1)*INCX)
   10 CONTINUE
      RETURN
      END
*
*>    Dot product of DX and DY.
      DOUBLE PRECISION FUNCTION DDOTX(N, DX, DY)
      INTEGER N
      DOUBLE PRECISION DX(N),
     $                 DY(N)
      INTEGER I
      DDOTX = 0.0D0
      DO 20 I = 1, N
         DDOTX = DDOTX + DX(I)*DY(I)
   20 CONTINUE
      RETURN
      END
*
*>    Copies the leading M-by-N part of A(LDA, *) into B(M, N).
      SUBROUTINE DLACPX(M, N, A, LDA, B)
Cf2py intent(out) b
Cf2py intent(hide) lda
Cf2py dimension(lda,n) :: a
      INTEGER M, N, LDA
      DOUBLE PRECISION A(LDA, *), B(M, N)
      INTEGER I, J
      DO 40 J = 1, N
         DO 30 I = 1, M
            B(I, J) = A(I, J)
   30    CONTINUE
   40 CONTINUE
      END
