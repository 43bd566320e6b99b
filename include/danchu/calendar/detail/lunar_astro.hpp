#pragma once
/// @file
/// Astronomy for the lunar calendar (internal): mean-to-true new moons and the
/// sun's apparent longitude, from the formulas published in J. Meeus,
/// *Astronomical Algorithms*, 2nd ed. (Willmann-Bell, 1998): chapter 49 (phases
/// of the moon, new-moon corrections and the 14 planetary arguments) and
/// chapter 25 (solar coordinates, low accuracy, about 0.01 degree). Delta T
/// (TT - UT) uses the polynomial fits of F. Espenak and J. Meeus (NASA, "Five
/// Millennium Canon of Solar Eclipses", 2006). Implemented independently from
/// those published formulas.

#include <cmath>

namespace danchu::detail {

inline constexpr double pi = 3.14159265358979323846;

inline double sin_deg(double deg) noexcept { return std::sin(deg * pi / 180.0); }

/// Delta T = TT - UT in seconds for a decimal year (Espenak and Meeus fits;
/// only the pieces covering 1890..2250 are needed here).
inline double delta_t_seconds(double y) noexcept {
    if (y < 1900) {
        const double t = y - 1860;
        return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t - 0.0004473624 * t * t * t * t +
               t * t * t * t * t / 233174;
    }
    if (y < 1920) {
        const double t = y - 1900;
        return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t - 0.000197 * t * t * t * t;
    }
    if (y < 1941) {
        const double t = y - 1920;
        return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
    }
    if (y < 1961) {
        const double t = y - 1950;
        return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
    }
    if (y < 1986) {
        const double t = y - 1975;
        return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
    }
    if (y < 2005) {
        const double t = y - 2000;
        return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * t * t * t * t +
               0.00002373599 * t * t * t * t * t;
    }
    if (y < 2050) {
        const double t = y - 2000;
        return 62.92 + 0.32217 * t + 0.005589 * t * t;
    }
    const double u = (y - 1820) / 100;
    if (y < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - y);
    return -20 + 32 * u * u;
}

/// Delta T in days for a Julian day (the year is approximate; that is enough
/// for a quantity that changes by well under a second per year).
inline double delta_t_days(double jd) noexcept {
    const double year = 2000.0 + (jd - 2451544.5) / 365.2425;
    return delta_t_seconds(year) / 86400.0;
}

/// Julian Ephemeris Day (TT) of the true new moon number `k` (k = 0 is the new
/// moon of 6 January 2000), Meeus chapter 49.
inline double new_moon_jde(int k_int) noexcept {
    const double k = k_int;
    const double T = k / 1236.85;
    const double T2 = T * T, T3 = T2 * T, T4 = T3 * T;
    double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T2 - 0.000000150 * T3 + 0.00000000073 * T4;
    const double E = 1 - 0.002516 * T - 0.0000074 * T2;
    const double M = 2.5534 + 29.10535670 * k - 0.0000014 * T2 - 0.00000011 * T3;
    const double Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;
    const double F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
    const double Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;

    jde += -0.40720 * sin_deg(Mp) + 0.17241 * E * sin_deg(M) + 0.01608 * sin_deg(2 * Mp) +
           0.01039 * sin_deg(2 * F) + 0.00739 * E * sin_deg(Mp - M) - 0.00514 * E * sin_deg(Mp + M) +
           0.00208 * E * E * sin_deg(2 * M) - 0.00111 * sin_deg(Mp - 2 * F) - 0.00057 * sin_deg(Mp + 2 * F) +
           0.00056 * E * sin_deg(2 * Mp + M) - 0.00042 * sin_deg(3 * Mp) + 0.00042 * E * sin_deg(M + 2 * F) +
           0.00038 * E * sin_deg(M - 2 * F) - 0.00024 * E * sin_deg(2 * Mp - M) - 0.00017 * sin_deg(Om) -
           0.00007 * sin_deg(Mp + 2 * M) + 0.00004 * sin_deg(2 * Mp - 2 * F) + 0.00004 * sin_deg(3 * M) +
           0.00003 * sin_deg(Mp + M - 2 * F) + 0.00003 * sin_deg(2 * Mp + 2 * F) -
           0.00003 * sin_deg(Mp + M + 2 * F) + 0.00003 * sin_deg(Mp - M + 2 * F) -
           0.00002 * sin_deg(Mp - M - 2 * F) - 0.00002 * sin_deg(3 * Mp + M) + 0.00002 * sin_deg(4 * Mp);

    // The 14 planetary arguments (Meeus table 49.B).
    const double A[14] = {299.77 + 0.107408 * k - 0.009173 * T2,
                          251.88 + 0.016321 * k,
                          251.83 + 26.651886 * k,
                          349.42 + 36.412478 * k,
                          84.66 + 18.206239 * k,
                          141.74 + 53.303771 * k,
                          207.14 + 2.453732 * k,
                          154.84 + 7.306860 * k,
                          34.52 + 27.261239 * k,
                          207.19 + 0.121824 * k,
                          291.34 + 1.844379 * k,
                          161.72 + 24.198154 * k,
                          239.56 + 25.513099 * k,
                          331.55 + 3.592518 * k};
    const double C[14] = {0.000325, 0.000165, 0.000164, 0.000126, 0.000110, 0.000062, 0.000060,
                          0.000056, 0.000047, 0.000042, 0.000040, 0.000037, 0.000035, 0.000023};
    for (int i = 0; i < 14; ++i) jde += C[i] * sin_deg(A[i]);
    return jde;
}

/// The sun's apparent longitude in degrees [0, 360) at Julian Ephemeris Day
/// `jde` (Meeus chapter 25, low-accuracy method).
inline double sun_apparent_longitude(double jde) noexcept {
    const double T = (jde - 2451545.0) / 36525.0;
    const double L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
    const double M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
    const double C = (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin_deg(M) +
                     (0.019993 - 0.000101 * T) * sin_deg(2 * M) + 0.000289 * sin_deg(3 * M);
    const double omega = 125.04 - 1934.136 * T;
    double lambda = L0 + C - 0.00569 - 0.00478 * sin_deg(omega);
    lambda = std::fmod(lambda, 360.0);
    if (lambda < 0) lambda += 360.0;
    return lambda;
}

} // namespace danchu::detail
