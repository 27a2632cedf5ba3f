! Annual total ionising dose in Si at the centre of Al spheres for circular orbits:
! AP8MIN protons + AE8MAX electrons (IRBEM fly_in_nasa_aeap1), averaged over argument of
! latitude and longitude, folded through SHIELDOSE-2 (IRBEM shieldose2, Si detector, INUC=3).
      PROGRAM dose_table
      IMPLICIT NONE
      INCLUDE 'ntime_max.inc'
      INTEGER*4 NU, NL, NE, NZ
      PARAMETER (NU=48, NL=60, NE=25, NZ=14)
      INTEGER*4 ntime, sysaxes, whatf, nene, iu, il, ie, ia, ii, k, n
      INTEGER*4 iyear(ntime_max), idoy(ntime_max)
      REAL*8 UT(ntime_max), x1(ntime_max), x2(ntime_max), x3(ntime_max)
      REAL*8 enP(2,25), enE(2,25), fluxP(ntime_max,25), fluxE(ntime_max,25)
      REAL*8 mP(NE), mE(NE), u, lon, lat, pi, inc, alt
      INTEGER*4 NALT, NINC
      PARAMETER (NALT=31, NINC=10)
      REAL*8 alts(NALT), incs(NINC)
      REAL*8 Zin(71), EPin(301), PFin(301), EEin(301), EFin(301), ESin(301), SFin(301)
      REAL*8 SolD(71,3), ProtD(71,3), ElecD(71,3), BremD(71,3), TotD(71,3)
      INTEGER*4 JP, JE
      REAL*8 EMAXP, EMAXE, year
      DATA alts /300,400,500,600,700,800,900,1000,1100,1200,1300,1400,
     &  1500,1600,1800,2000,2250,2500,3000,3500,4000,5000,6000,8000,
     &  10000,12000,15000,20000,25000,30000,35786/
      DATA incs /0,10,20,30,40,50,60,70,80,90/
      DATA Zin /0.5,1,2,3,4,5,6,8,10,15,20,30,50,100,57*0/
      pi = 4.d0*atan(1.d0)
      year = 365.25d0*86400.d0
      do ie=1,NE
        enP(1,ie) = 0.1d0*(400.d0/0.1d0)**(dble(ie-1)/dble(NE-1))
        enE(1,ie) = 0.04d0*(7.d0/0.04d0)**(dble(ie-1)/dble(NE-1))
        enP(2,ie) = 0.d0
        enE(2,ie) = 0.d0
      enddo
      sysaxes = 0
      whatf = 1
      nene = NE
      write(*,'(A,14F8.2)') '# alt_km inc_deg total_rad_per_year at mm:',
     &  (Zin(k),k=1,NZ)
      do ia=1,NALT
      do ii=1,NINC
        alt = alts(ia)
        inc = incs(ii)*pi/180.d0
        n = 0
        do iu=1,NU
          ! u in (-90, 90) deg: same latitude distribution as a full orbit
          u = (-90.d0 + (dble(iu)-0.5d0)*180.d0/dble(NU))*pi/180.d0
          lat = asin(sin(inc)*sin(u))*180.d0/pi
          do il=1,NL
            lon = (dble(il)-0.5d0)*360.d0/dble(NL)
            n = n+1
            iyear(n) = 2000
            idoy(n) = 1
            UT(n) = 0.d0
            x1(n) = alt
            x2(n) = lat
            x3(n) = lon
          enddo
        enddo
        ntime = n
        call fly_in_nasa_aeap1(ntime,sysaxes,3,whatf,nene,enP,
     &     iyear,idoy,UT,x1,x2,x3,fluxP)
        call fly_in_nasa_aeap1(ntime,sysaxes,2,whatf,nene,enE,
     &     iyear,idoy,UT,x1,x2,x3,fluxE)
        do ie=1,NE
          mP(ie) = 0.d0
          mE(ie) = 0.d0
          do k=1,ntime
            if (fluxP(k,ie) .gt. 0.d0 .and. fluxP(k,ie) .lt. 1.d30)
     &        mP(ie) = mP(ie) + fluxP(k,ie)
            if (fluxE(k,ie) .gt. 0.d0 .and. fluxE(k,ie) .lt. 1.d30)
     &        mE(ie) = mE(ie) + fluxE(k,ie)
          enddo
          mP(ie) = mP(ie)/dble(ntime)
          mE(ie) = mE(ie)/dble(ntime)
        enddo
        JP = 0
        JE = 0
        do ie=1,NE
          if (mP(ie) .gt. 0.d0) JP = ie
          if (mE(ie) .gt. 0.d0) JE = ie
        enddo
        do ie=1,NE
          EPin(ie) = enP(1,ie)
          PFin(ie) = max(mP(ie), 1.d-30)
          EEin(ie) = enE(1,ie)
          EFin(ie) = max(mE(ie), 1.d-30)
        enddo
        EMAXP = 400.d0
        EMAXE = 7.d0
        if (JP .lt. 2) then
          JP = 0
        else
          EMAXP = enP(1,JP)
        endif
        if (JE .lt. 2) then
          JE = 0
        else
          EMAXE = enE(1,JE)
        endif
        ESin(1) = 0.d0
        SFin(1) = 0.d0
        call shieldose2(3,3,NZ,3,Zin,
     &    0.1d0,1.d4,0.1d0,EMAXP,1001,0.04d0,EMAXE,1001,
     &    0,JP,JE,1.d0,year,
     &    ESin,SFin,EPin,PFin,EEin,EFin,
     &    SolD,ProtD,ElecD,BremD,TotD)
        write(*,'(F8.0,F6.0,14ES11.3)') alts(ia), incs(ii),
     &    (2.d0*TotD(k,3),k=1,NZ)
        write(*,'(A,F8.0,F6.0,14ES11.3)') 'P', alts(ia), incs(ii),
     &    (2.d0*ProtD(k,3),k=1,NZ)
        flush(6)
      enddo
      enddo
      END
