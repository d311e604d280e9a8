package org.petitionbridge.security.visibility;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.events.PetitionReceived.ComplainedAgainst;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.Role;

/**
 * Who may see what of a petition: the platform's one visibility policy. Every service applies it to its own data
 * (intake's records and identities, routing's decisions and triage, the ledger's cases and lists, notify's feeds
 * and webhooks); none writes these rules again (docs/security.md, "The visibility policy").
 * <ul>
 * <li><b>The department complained about learns nothing</b> of the petition, in any role, the bureau and the
 * supervisor included (信访工作条例 Art 46(5)). A complaint bars the department it names, the government of the
 * township it names, and for a village cadre (村干部) the government of the village's township
 * ({@link #barredBy}).</li>
 * <li><b>Handlers</b> (the lead and co-handlers the ledger last published) see the whole case and may read the
 * petitioners' identity through intake's audited read.</li>
 * <li><b>The bureau and the supervisor</b> read every case they are not barred from; of the two only the bureau
 * reads identities. When a petition complains about the bureau, the supervisor takes the bureau's place for it
 * (triage, manual assignment, objection decisions, 销号, identity reads and their audit); when it complains about the
 * supervisor, the discipline body takes the supervisor's place (extension, 复查 and 复核 decisions)
 * ({@link #actingBureau}, {@link #actingSupervisor}).</li>
 * <li><b>Any other department</b> sees nothing in the REST APIs, and a summary without content of what its interest
 * subscriptions select in notify.</li>
 * <li><b>Analysts</b> see de-identified facts only.</li>
 * <li><b>Situations</b> (risk's warnings, and a project with the petitions linked to it) are seen by the bureau,
 * the supervisor and the departments responsible for them, as facts without content or people; never by a
 * department that a complaint of one of their petitions bars ({@link #situation}).</li>
 * </ul>
 * Pure: no I/O, so each rule has a unit test that runs in milliseconds.
 */
public final class VisibilityPolicy {

    private final CountyReference county;
    private final String bureau;
    private final String supervisor;
    private final String discipline;

    private VisibilityPolicy(CountyReference county) {
        this.county = county;
        this.bureau = code(county, "BUREAU");
        this.supervisor = code(county, "SUPERVISOR");
        this.discipline = code(county, "DISCIPLINE");
    }

    public static VisibilityPolicy of(CountyReference county) {
        return new VisibilityPolicy(county);
    }

    private static String code(CountyReference county, String kind) {
        return county.departments().values().stream().filter(d -> kind.equals(d.kind()))
                .map(CountyReference.Department::code).findFirst()
                .orElseThrow(() -> new IllegalStateException("the county reference has no department of kind " + kind));
    }

    /**
     * The department whose bar keeps a petition from the caller in a list's SQL ({@code not (? = any (barred))}): the
     * caller's own, or for the county leader (who has none) the county government's, the supervisor.
     */
    public String barredViewer(Caller caller) {
        return caller.has(Role.LEADER) ? supervisor : caller.department();
    }

    /** The petition bureau (信访局), the department of kind BUREAU. */
    public String bureau() {
        return bureau;
    }

    /** The supervisor (政府办), the department of kind SUPERVISOR. */
    public String supervisor() {
        return supervisor;
    }

    /** The discipline body (纪委监委), the department of kind DISCIPLINE. */
    public String discipline() {
        return discipline;
    }

    /**
     * The departments a complaint bars from its petition (回避): the department it names; the government of the
     * township it names; for a village cadre, the government of the village's township, which supervises the
     * village committee and so neither handles the petition nor learns who brought it. Unknown codes bar nothing
     * (intake refuses them at registration).
     */
    public Set<String> barredBy(ComplainedAgainst complaint) {
        Set<String> barred = new LinkedHashSet<>();
        if (complaint == null) {
            return barred;
        }
        if (complaint.department() != null) {
            barred.add(complaint.department());
        }
        if (complaint.township() != null) {
            Optional.ofNullable(county.townships().get(complaint.township()))
                    .map(CountyReference.Township::department).ifPresent(barred::add);
        }
        if (complaint.village() != null && county.villages().containsKey(complaint.village())) {
            county.townshipOf(complaint.village()).map(CountyReference.Township::department).ifPresent(barred::add);
        }
        return barred;
    }

    /**
     * The department that takes the bureau's actions on a petition (triage, manual assignment, objection decisions,
     * evaluation, 销号, registering 复查 and 复核 requests, 督办, identity reads and their audit): the bureau, unless the
     * petition complains about it; then the supervisor; if both are barred, the discipline body.
     */
    public String actingBureau(Set<String> barred) {
        if (!barred.contains(bureau)) {
            return bureau;
        }
        return barred.contains(supervisor) ? discipline : supervisor;
    }

    /**
     * The department that takes the supervisor's decisions on a petition (extensions, 复查, 复核): the supervisor,
     * unless the petition complains about it; then the discipline body.
     */
    public String actingSupervisor(Set<String> barred) {
        return barred.contains(supervisor) ? discipline : supervisor;
    }

    /** What a caller may see of a petition in a record, case, decision or listing. */
    public Access access(Caller caller, PetitionParties petition) {
        return access(caller.department(), caller.roles(), petition);
    }

    /** What a department may see of a petition, holding the role of its kind (notify's recipients). */
    public Access access(String department, PetitionParties petition) {
        return access(department, Set.of(roleOf(department)), petition);
    }

    private Access access(String department, Set<Role> roles, PetitionParties petition) {
        if (roles.contains(Role.LEADER)) {
            // the county leader reads every case but one complaining about the county government (identities stay
            // out: mayReadIdentity)
            return petition.bars(supervisor) ? Access.NONE : Access.FULL;
        }
        if (petition.bars(department)) {
            return Access.NONE;
        }
        if (department == null) {
            return roles.contains(Role.ANALYST) ? Access.DEIDENTIFIED : Access.NONE;
        }
        if (roles.contains(Role.BUREAU) || roles.contains(Role.SUPERVISOR)) {
            return Access.FULL;
        }
        if (roles.contains(Role.DEPARTMENT) && (petition.handledBy(department)
                || department.equals(actingBureau(petition.barred()))
                || department.equals(actingSupervisor(petition.barred())))) {
            return Access.FULL;
        }
        return Access.NONE;
    }

    /**
     * What a department receives of a petition's event in notify: in full when it may see the whole case; else a
     * summary when one of its interest subscriptions selects the event; never anything when the petition bars it.
     */
    public Access delivery(String department, PetitionParties petition, boolean selectedBySubscription) {
        Access access = access(department, petition);
        if (access == Access.FULL || petition.bars(department)) {
            return access;
        }
        return selectedBySubscription ? Access.SUMMARY : Access.NONE;
    }

    /**
     * What a department may see of a situation risk watches: an early warning, or a project and the petitions linked
     * to it. Both name petitions only by their facts (number, category, division, dates, group size, status), never
     * their content or the people who brought them.
     * <ul>
     * <li>a department that a complaint of one of the situation's petitions bars: nothing (for a project's list,
     * {@code barred} is one petition's, which is then left out);</li>
     * <li>the bureau and the supervisor, the departments responsible for the situation, and the acting bureau and
     * supervisor when a complaint bars the bureau or the supervisor: all its facts ({@link Access#FULL});</li>
     * <li>another department that an interest subscription selects it for (notify): a summary without the petition
     * numbers ({@link Access#SUMMARY});</li>
     * <li>the county leader: all its facts, unless a complaint bars the county government (the supervisor);</li>
     * <li>anyone else, analysts included: nothing.</li>
     * </ul>
     */
    public Access situation(String department, Set<Role> roles, Set<String> barred, Set<String> responsible,
            boolean selectedBySubscription) {
        if (roles.contains(Role.LEADER)) {
            return barred.contains(supervisor) ? Access.NONE : Access.FULL;
        }
        if (department == null || barred.contains(department)) {
            return Access.NONE;
        }
        if (roles.contains(Role.BUREAU) || roles.contains(Role.SUPERVISOR) || responsible.contains(department)
                || department.equals(actingBureau(barred)) || department.equals(actingSupervisor(barred))) {
            return Access.FULL;
        }
        return selectedBySubscription && roles.contains(Role.DEPARTMENT) ? Access.SUMMARY : Access.NONE;
    }

    /** What a caller may see of a situation in a REST answer: all of it, or nothing ({@link #situation}). */
    public Access situation(Caller caller, Set<String> barred, Set<String> responsible) {
        return situation(caller.department(), caller.roles(), barred, responsible, false);
    }

    /** What a department, holding the role of its kind, receives of a situation's event in notify. */
    public Access situationDelivery(String department, Set<String> barred, Set<String> responsible,
            boolean selectedBySubscription) {
        return situation(department, Set.of(roleOf(department)), barred, responsible, selectedBySubscription);
    }

    /**
     * Whether the caller may read the petitioners' identity (through intake's audited read): the acting bureau, and
     * a department handling the petition; never the supervisor as such, an analyst, or a barred department.
     */
    public boolean mayReadIdentity(Caller caller, PetitionParties petition) {
        String department = caller.department();
        if (department == null || petition.bars(department)) {
            return false;
        }
        if (department.equals(actingBureau(petition.barred()))) {
            return true;
        }
        return caller.has(Role.DEPARTMENT) && petition.handledBy(department);
    }

    /** Whether the caller may list who read the petitioners' identity: the acting bureau of the petition only. */
    public boolean mayReadIdentityAudit(Caller caller, PetitionParties petition) {
        return caller.department() != null && caller.department().equals(actingBureau(petition.barred()));
    }

    /** Whether the department takes the bureau's actions on the petition ({@link #actingBureau}). */
    public boolean actsAsBureau(String department, Set<String> barred) {
        return department != null && department.equals(actingBureau(barred));
    }

    /** The role a department of the county holds, by its kind. */
    public Role roleOf(String department) {
        return county.department(department).map(d -> Role.forDepartmentKind(d.kind())).orElse(Role.DEPARTMENT);
    }
}
