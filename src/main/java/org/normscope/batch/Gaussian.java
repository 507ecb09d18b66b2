package org.normscope.batch;

import java.util.SplittableRandom;

/** Standard normal draws (Marsaglia's polar method), from a given generator so that a seed fixes them. */
final class Gaussian {

    private Gaussian() {
    }

    /** One draw from N(0, 1). The spare value of the pair is dropped to keep draws independent of call order. */
    static double next(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
