! Global-mean NRLMSISE-00 effective mass density for drag (GTD7D D(6), kg/m^3) by altitude,
! for low / moderate / high (long-term) solar and geomagnetic activity.
      PROGRAM density_table
      IMPLICIT NONE
      INTEGER*4 ia, il, io, id, k, IYD, MASS
      REAL*8 D(9), T(2), AP(7), SEC, ALT, GLAT, GLON, STL, F107A, F107
      REAL*8 sumw, sumd(3), w, pi
      REAL*8 f10(3), apv(3)
      INTEGER*4 days(4)
      DATA f10 /65.d0, 140.d0, 250.d0/
      DATA apv /0.d0, 15.d0, 45.d0/
      DATA days /80, 172, 264, 355/
      pi = 4.d0*atan(1.d0)
      call METERS7(.TRUE.)
      MASS = 48
      write(*,'(A)') '# alt_km rho_low rho_moderate rho_high (kg/m^3)'
      do ia = 100, 2500, 25
        ALT = dble(ia)
        do k = 1, 3
          sumd(k) = 0.d0
        enddo
        sumw = 0.d0
        do id = 1, 4
          IYD = 2000*1000 + days(id)
          do il = 1, 36
            GLAT = -87.5d0 + dble(il-1)*5.d0
            w = cos(GLAT*pi/180.d0)
            do io = 1, 24
              GLON = (dble(io)-0.5d0)*15.d0
              SEC = 43200.d0
              STL = mod(SEC/3600.d0 + GLON/15.d0, 24.d0)
              do k = 1, 3
                F107 = f10(k)
                F107A = f10(k)
                AP(1) = apv(k)
                AP(2) = apv(k)
                AP(3) = apv(k)
                AP(4) = apv(k)
                AP(5) = apv(k)
                AP(6) = apv(k)
                AP(7) = apv(k)
                call GTD7D(IYD,SEC,ALT,GLAT,GLON,STL,F107A,F107,AP,
     &            MASS,D,T)
                sumd(k) = sumd(k) + w*D(6)
              enddo
              sumw = sumw + w
            enddo
          enddo
        enddo
        write(*,'(F8.0,3ES12.4)') ALT, (sumd(k)/sumw, k=1,3)
      enddo
      END
