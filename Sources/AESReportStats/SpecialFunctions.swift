import RealModule
import Synchronization

/// Special functions behind the distributions: regularized incomplete beta, normal and Student's t.
public enum SpecialFunctions {
    /// The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz), accurate to
    /// about 1e-14 relative for the arguments Student's t needs.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0, "incomplete beta needs positive parameters")
        return regularizedIncompleteBeta(x, a: a, b: b, logGammaTerms: logGammaTerms(a: a, b: b))
    }

    /// `log Γ(a + b) - log Γ(a) - log Γ(b)`: the part of the incomplete beta's front factor that depends on a and b
    /// only (a quantile search evaluates the function a dozen times at one a and b).
    static func logGammaTerms(a: Double, b: Double) -> Double {
        Double.logGamma(a + b) - Double.logGamma(a) - Double.logGamma(b)
    }

    /// `regularizedIncompleteBeta` with `logGammaTerms(a:b:)` given: the same operations in the same order.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double, logGammaTerms: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = logGammaTerms + a * Double.log(x) + b * Double.log(onePlus: -x)
        // The continued fraction converges quickly for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
        if x < (a + 1) / (a + b + 2) {
            return Double.exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - Double.exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// P(|T| > |t|) for Student's t with `degreesOfFreedom` (which may be fractional, as Welch's are); NaN when the
    /// degrees of freedom are not a positive number (Welch's overflow to NaN only for rates near 1e308).
    public static func studentTTwoSidedTail(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        guard nu > 0 else { return .nan }
        return StudentT(nu).twoSidedTail(t)
    }

    /// The cumulative distribution function of Student's t.
    public static func studentTCDF(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let tail = studentTTwoSidedTail(t, degreesOfFreedom: nu) / 2
        return t >= 0 ? 1 - tail : tail
    }

    /// The quantile of Student's t: the `t` with `studentTCDF(t) == p`, for 0.5 <= p < 1 (by symmetry otherwise).
    /// Newton's method on the tail probability from a normal start, with bisection as a safeguard; relative
    /// accuracy about 1e-13.
    ///
    /// Results for whole degrees of freedom are kept in `StudentTQuantileCache`: a fleet asks for the same 95%
    /// quantile at 9 degrees of freedom tens of thousands of times, and each answer costs a dozen continued
    /// fractions. The cache returns the very value the computation gives, so outputs do not change.
    public static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1 && nu > 0)
        return StudentTQuantileCache.shared.value(p: p, degreesOfFreedom: nu, compute: computeStudentTQuantile)
    }

    /// `studentTQuantile` without the cache.
    static func computeStudentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        searchStudentTQuantile(p, degreesOfFreedom: nu, knownBracket: true)
    }

    /// The search behind `computeStudentTQuantile`; `knownBracket: false` always doubles its way to the bracket
    /// (the reference the shortcut is tested against).
    static func searchStudentTQuantile(_ p: Double, degreesOfFreedom nu: Double, knownBracket: Bool) -> Double {
        if p < 0.5 { return -searchStudentTQuantile(1 - p, degreesOfFreedom: nu, knownBracket: knownBracket) }
        if p == 0.5 { return 0 }
        let tail = 2 * (1 - p) // two-sided tail to reach
        let distribution = StudentT(nu)
        var low = 0.0
        var high = 1.0
        if knownBracket, let known = powerOfTwoAbove(p, degreesOfFreedom: nu) {
            high = known
        } else {
            while distribution.twoSidedTail(high) > tail { high *= 2 }
        }
        var t = min(max(normalQuantile(p), low), high)
        for _ in 0..<200 {
            let f = distribution.twoSidedTail(t) - tail
            if f > 0 { low = t } else { high = t }
            // d/dt of the two-sided tail is -2 * pdf(t).
            let step = f / (2 * distribution.density(t))
            var next = t + step
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - t) <= 1e-15 * max(1, abs(t)) { return next }
            t = next
        }
        return t
    }

    /// The same quantile found by Newton's method from `near`, a quantile of nearby degrees of freedom (Fieller's
    /// bounds ask for the quantile again and again as their degrees of freedom settle): a step or two instead of a
    /// search. Falls back to the search when Newton leaves the safe side of its bracket.
    static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double, near: Double) -> Double {
        guard p > 0.5, nu > 0, near > 0, near.isFinite, nu.rounded() != nu else {
            return studentTQuantile(p, degreesOfFreedom: nu)
        }
        let tail = 2 * (1 - p)
        let distribution = StudentT(nu)
        var t = near
        for _ in 0..<8 {
            let step = (distribution.twoSidedTail(t) - tail) / (2 * distribution.density(t))
            let next = t + step
            guard next > 0, next.isFinite else { break }
            if abs(next - t) <= 1e-15 * max(1, abs(t)) { return next }
            t = next
        }
        return studentTQuantile(p, degreesOfFreedom: nu)
    }

    /// The density of Student's t.
    public static func studentTDensity(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        StudentT(nu).density(t)
    }

    /// Where the quantile search's bracket doubling (1, 2, 4, ... until the tail is below the target) ends, known
    /// without evaluating it for fractional degrees of freedom (Welch's, Fieller's): the quantile falls as the
    /// degrees of freedom grow, so it lies between the cached quantiles at the whole numbers around `nu`; when both
    /// sit well inside one (2^(k-1), 2^k], the doubling would stop at 2^k. nil otherwise (the search doubles).
    /// Each skipped step is a continued fraction; the value found is the same to the bit.
    static func powerOfTwoAbove(_ p: Double, degreesOfFreedom nu: Double) -> Double? {
        let below = nu.rounded(.down)
        guard below >= 1, below != nu, nu < 1e9 else { return nil }
        let highest = studentTQuantile(p, degreesOfFreedom: below)
        let lowest = studentTQuantile(p, degreesOfFreedom: below + 1)
        var power = 1.0
        while power < highest { power *= 2 }
        let margin = 1e-9
        guard highest < power * (1 - margin), power == 1 || lowest > power / 2 * (1 + margin) else { return nil }
        return power
    }

    /// Student's t at one number of degrees of freedom, with the parts of its tail and density that depend on it
    /// alone computed once (the same operations in the same order as computing them every time).
    struct StudentT {
        let nu: Double
        let tailTerms: Double
        let densityFront: Double

        init(_ nu: Double) {
            self.nu = nu
            tailTerms = SpecialFunctions.logGammaTerms(a: nu / 2, b: 0.5)
            densityFront = Double.logGamma((nu + 1) / 2) - Double.logGamma(nu / 2) - 0.5 * Double.log(nu * Double.pi)
        }

        /// P(|T| > |t|).
        func twoSidedTail(_ t: Double) -> Double {
            guard t.isFinite else { return t.isNaN ? .nan : 0 }
            return SpecialFunctions.regularizedIncompleteBeta(nu / (nu + t * t), a: nu / 2, b: 0.5,
                                                              logGammaTerms: tailTerms)
        }

        func density(_ t: Double) -> Double {
            Double.exp(densityFront - (nu + 1) / 2 * Double.log(onePlus: t * t / nu))
        }
    }

    /// P(Z > z) for the standard normal distribution.
    public static func normalSurvival(_ z: Double) -> Double {
        0.5 * Double.erfc(z / 2.0.squareRoot())
    }

    /// Acklam's coefficients for `normalQuantile`, built once rather than at every call.
    private enum Acklam {
        static let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                        -3.066479806614716e+01, 2.506628277459239e+00]
        static let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                        -1.328068155288572e+01]
        static let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                        4.374664141464968e+00, 2.938163982698783e+00]
        static let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    }

    /// The standard normal quantile (Acklam's rational approximation refined by one Halley step; ~1e-15).
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1)
        let (a, b, c, d) = (Acklam.a, Acklam.b, Acklam.c, Acklam.d)
        let x: Double
        if p < 0.02425 {
            let q = (-2 * Double.log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - 0.02425 {
            let q = p - 0.5
            let r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * Double.log(onePlus: -p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let e = 0.5 * Double.erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * Double.exp(x * x / 2)
        return x - u / (1 + x * u / 2)
    }
}
