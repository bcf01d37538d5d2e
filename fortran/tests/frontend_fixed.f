*> \brief \b DGESVX solves a general system (front-end test fixture)
*
*  =========== DOCUMENTATION ===========
*
*> \htmlonly
*> Download DGESVX + dependencies
*> \endhtmlonly
*
*  Definition:
*  ===========
*
*       SUBROUTINE DGESVX( N, NRHS, A, LDA, IPIV, B, LDB, INFO )
*
*> \par Purpose:
*  =============
*>
*> \verbatim
*>
*> DGESVX computes the solution to a real system of linear equations
*>    A * X = B.
*> \endverbatim
*
*  Arguments:
*  ==========
*
*> \param[in] N
*> \verbatim
*>          N is INTEGER
*>          The number of linear equations.  N >= 0.
*> \endverbatim
*>
*> \param[in,out] A
*> \verbatim
*>          A is DOUBLE PRECISION array, dimension (LDA,N)
*> \endverbatim
*
*> \author Univ. of Tennessee
*> \ingroup doubleGEsolve
*
*  =====================================================================
      SUBROUTINE DGESVX( N, NRHS, A, LDA, IPIV, B, LDB,
     $                   INFO )
*
*  -- LAPACK driver routine --
*
*     .. Scalar Arguments ..
      INTEGER            INFO, LDA, LDB, N, NRHS
*     ..
*     .. Array Arguments ..
      INTEGER            IPIV( * )
      DOUBLE PRECISION   A( LDA, * ), B( LDB, * )
Cf2py intent(in,out) a
Cf2py intent(out) ipiv, info
Cf2py intent(in,out) b
*     ..
*     .. Local Scalars ..
      INTEGER            I, J
      DOUBLEPRECISION    TEMP
      PARAMETER          ( ZERO = 0.0D+0 )
*     ..
*     .. Intrinsic Functions ..
      INTRINSIC          MAX
*     ..
      INFO = 0
      IF( N.LT.0 ) THEN
         INFO = -1
      ELSE IF( LDA.LT.MAX( 1, N ) ) THEN
         INFO = -4
      END IF
      IF( INFO.NE.0 ) THEN
         CALL XERBLA( 'DGESVX', -INFO )
         RETURN
      ENDIF
      DO 20 J = 1, NRHS
         DO 10 I = 1, N
            TEMP = B( I, J )
   10    CONTINUE
   20 CONTINUE
      DO J = 1, N
         GO TO 30
      ENDDO
   30 CONTINUE
      WRITE(*, 9000) 'END'
 9000 FORMAT( 1X, A, ' END SUBROUTINE' )
      RETURN
*
*     End of DGESVX
*
      END
*
C     Dot product of two vectors.
      DOUBLE PRECISION FUNCTION DDOTX(N, DX, INCX, DY, INCY)
      INTEGER N, INCX, INCY
      DOUBLE PRECISION DX(*), DY(*)
      DDOTX = 0.0D0
      END
*
      SUBROUTINE SAXPYX(N, SA, SX, SY)
      IMPLICIT REAL*8 (A-H, O-Z)
      DIMENSION SX(N), SY(N)
Cf2py intent(inout) sy
Cf2py integer intent(hide), depend(sx) :: n = len(sx)
Cf2py threadsafe
      DO 10 I = 1, N
         SY(I) = SY(I) + SA*SX(I)
   10 CONTINUE
      END
