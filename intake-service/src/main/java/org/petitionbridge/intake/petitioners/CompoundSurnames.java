package org.petitionbridge.intake.petitioners;

import java.util.Set;

/** The common two-character Chinese surnames, so that 欧阳娜娜 is masked 欧阳** rather than 欧***. */
final class CompoundSurnames {

    private static final Set<String> SURNAMES = Set.of("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟",
            "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "独孤", "南宫", "西门", "端木", "呼延");

    private CompoundSurnames() {
    }

    static boolean isCompound(String name) {
        return name.length() >= 2 && SURNAMES.contains(name.substring(0, 2));
    }
}
