package org.petitionbridge.security.visibility;

/** How much of a petition someone may see, from nothing to everything but the petitioners' identity. */
public enum Access {
    /** Nothing at all, not even that the petition exists: a lookup answers 404 and a listing leaves it out. */
    NONE,
    /** De-identified facts only (the analytics stream and statistics): no content, no names, no identifiers. */
    DEIDENTIFIED,
    /** A summary without content or petitioners (what an interest subscription of another department receives). */
    SUMMARY,
    /**
     * The whole case: facts, content, masked names, history. The petitioners' identity is read only through intake's
     * audited read, which asks {@link VisibilityPolicy#mayReadIdentity} on top of this.
     */
    FULL;

    public boolean atLeast(Access other) {
        return compareTo(other) >= 0;
    }
}
