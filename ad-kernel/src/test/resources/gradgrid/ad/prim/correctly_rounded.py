# Writes correctly_rounded.txt: "function x f(x)" with f(x) correctly rounded to double, computed
# with mpmath at 300 bits. The oracle of MoreMathTest and ErfTest; run with python3 and mpmath 1.3.
import random

import mpmath

mpmath.mp.prec = 300
random.seed(5)


def uniform(lo, hi, n):
    return [random.uniform(lo, hi) for _ in range(n)]


def decades(lo, hi, n):
    return [10 ** random.uniform(lo, hi) for _ in range(n)]


FUNCTIONS = {
    "erf": (mpmath.erf, [0.0, 1e-300, 5e-324, 1e-20, 1e-8, 0.5, 0.84, 1, 2, 3.99, 4, 4.01, 6, 27]
            + uniform(-7, 7, 300) + uniform(-1, 1, 100)),
    "erfc": (mpmath.erfc, [0.0, 1e-300, 1e-8, 0.5, 1, 2, 3.99, 4, 4.01, 6, 10, 20, 26, 27.2]
             + uniform(-6, 27, 300) + uniform(3, 5, 100)),
    "asinh": (mpmath.asinh, [1e-300, 1e-10, 0.5, 1, 2, 1e10, 1e300] + uniform(-10, 10, 200)
              + decades(-20, 300, 100)),
    "acosh": (mpmath.acosh, [1.0, 1.0000001, 1.5, 2, 1e10, 1e300] + uniform(1, 10, 200)
              + [1 + d for d in decades(-15, 3, 100)]),
    "atanh": (mpmath.atanh, [1e-300, 1e-10, 0.5, 0.9999999] + uniform(-1, 1, 200)
              + decades(-20, -1, 100)),
    "log2": (lambda x: mpmath.log(x, 2), [5e-324, 1e-310, 0.5, 1, 2, 1024, 3, 1e300]
             + uniform(0.5, 2, 200) + decades(-300, 300, 100)),
    "sigmoid": (lambda x: 1 / (1 + mpmath.exp(-x)), [0.0, 1e-300, 1, -1, 40, -40, 700, -700, -745]
                + uniform(-40, 40, 300)),
    "softplus": (lambda x: mpmath.log1p(mpmath.exp(x)), [0.0, 1, -1, 40, -40, 700, 800, 1e300,
                                                          -700, -745] + uniform(-40, 40, 300)),
}

with open("correctly_rounded.txt", "w") as out:
    for name, (f, xs) in FUNCTIONS.items():
        for x in xs:
            x = float(x)
            out.write("%s %r %r\n" % (name, x, float(f(mpmath.mpf(x)))))
