package org.petitionbridge.risk.screening;

/** A regular screening round (monthly), or a special one before a sensitive period (岁末年初, 两会). */
public enum RoundKind {
    ROUTINE, SPECIAL
}
