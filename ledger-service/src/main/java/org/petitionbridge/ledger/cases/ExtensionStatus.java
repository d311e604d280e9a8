package org.petitionbridge.ledger.cases;

/** Where the case's one extension of the reply limit (延期) stands; none until the lead requests it. */
public enum ExtensionStatus {

    /** The lead requested it; the supervisor decides. */
    REQUESTED("申请"),
    /** The supervisor approved it: the reply date moved. */
    APPROVED("批准"),
    /** The supervisor refused it: no second request. */
    REFUSED("被拒绝");

    private final String words;

    ExtensionStatus(String words) {
        this.words = words;
    }

    /** The status in the words of a refusal: 已申请, 已批准, 已被拒绝. */
    String words() {
        return words;
    }
}
