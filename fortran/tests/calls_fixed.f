C     End-to-end fixture (fixed form, LAPACK style): F2Py directives
C     in Cf2py lines, DOUBLE PRECISION, labelled DO loops.
*
*>    DY := DY + DA*DX, returned (F2Py intent(in,out)).
      SUBROUTINE DAXPYX(N, DA, DX, DY)
Cf2py intent(in,out) dy
      INTEGER N
      DOUBLE PRECISION DA, DX(N), DY(N)
      INTEGER I
      DO 10 I = 1, N
         DY(I) = DY(I) + DA*DX(I)
   10 CONTINUE
      RETURN
      END
*
*>    Euclidean norm of X.
      DOUBLE PRECISION FUNCTION DNRM2X(N, X)
      INTEGER N
      DOUBLE PRECISION X(N)
      INTEGER I
      DNRM2X = 0.0D0
      DO 20 I = 1, N
         DNRM2X = DNRM2X + X(I)**2
   20 CONTINUE
      DNRM2X = SQRT(DNRM2X)
      RETURN
      END
*
*>    B := transpose of A(LDA, N).
      SUBROUTINE TRANSP(A, LDA, N, B)
      INTEGER LDA, N
      DOUBLE PRECISION A(LDA, N), B(N, LDA)
Cf2py intent(in) a
Cf2py intent(out) b
      INTEGER I, J
      DO 40 J = 1, N
         DO 30 I = 1, LDA
            B(J, I) = A(I, J)
   30    CONTINUE
   40 CONTINUE
      END
