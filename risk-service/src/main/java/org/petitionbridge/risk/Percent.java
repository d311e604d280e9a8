package org.petitionbridge.risk;

/** A share as risk's answers show it: a percentage with one decimal (0 of nothing is 0). */
public final class Percent {

    private Percent() {
    }

    public static double of(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }
}
