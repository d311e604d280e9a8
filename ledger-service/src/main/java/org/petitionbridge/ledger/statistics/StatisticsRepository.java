package org.petitionbridge.ledger.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.ledger.cases.CaseClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The bureau's figures, counted over the ledger's cases ({@code petition_case}). */
@Repository
class StatisticsRepository {

    /** What the figures may be grouped by, and the column expression of each. */
    static final Map<String, String> GROUP_BY = Map.of(
            "department", "coalesce(lead, '(未分办)')",
            "category", "coalesce(category, '(未分类)')",
            "township", "township_code");

    /** The statuses in which the petition's track has ended, as a SQL list ({@link CaseStatus#isEnded()}). */
    private static final String ENDED = Arrays.stream(CaseStatus.values()).filter(CaseStatus::isEnded)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    private final JdbcClient jdbc;

    StatisticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Schema(description = "Figures for one department, category or township. Rates are 0..1 (4 decimals), null when nothing counts yet")
    record Row(
            @Schema(description = "Department code, category code or township code") String key,
            @Schema(description = "Petitions received in the period") long received,
            @Schema(description = "Acknowledged within the limit") long acknowledgedOnTime,
            @Schema(description = "Acknowledged, or whose acknowledgement limit has passed") long acknowledgementDue,
            @Schema(description = "及时受理率 = acknowledgedOnTime / acknowledgementDue") BigDecimal acknowledgedOnTimeRate,
            @Schema(description = "Replied within the limit, counting an approved extension") long repliedOnTime,
            @Schema(description = "Replied, or whose reply limit has passed") long replyDue,
            @Schema(description = "按期办结率 = repliedOnTime / replyDue") BigDecimal repliedOnTimeRate,
            @Schema(description = "Satisfied or basically satisfied at 回访") long satisfied,
            @Schema(description = "Evaluated at 回访") long evaluated,
            @Schema(description = "满意率 = satisfied / evaluated") BigDecimal satisfactionRate,
            @Schema(description = "Still being handled") long open,
            @Schema(description = "Open with the running clock past its due date") long overdue,
            @Schema(description = "Repeats of an earlier petition") long repeats,
            @Schema(description = "repeats / received") BigDecimal repeatRate,
            @Schema(description = "Group petitions (集体访)") long groupPetitions) {
    }

    /** Figures per group for petitions received in [start, end); {@code today} decides what is overdue. */
    List<Row> figures(String groupBy, LocalDate today, Timestamp start, Timestamp end) {
        String localAck = "(acknowledged_at at time zone 'Asia/Shanghai')::date";
        String localReply = "(replied_at at time zone 'Asia/Shanghai')::date";
        return jdbc.sql("select " + GROUP_BY.get(groupBy) + " as k, count(*) as received,"
                        + " count(*) filter (where acknowledged_at is not null and " + localAck + " <= acknowledge_due) as ack_on_time,"
                        + " count(*) filter (where acknowledge_due is not null and (acknowledged_at is not null or acknowledge_due < :today)) as ack_due,"
                        + " count(*) filter (where replied_at is not null and " + localReply + " <= reply_due) as reply_on_time,"
                        + " count(*) filter (where reply_due is not null and (replied_at is not null or reply_due < :today)) as reply_due,"
                        + " count(*) filter (where satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED')) as satisfied,"
                        + " count(*) filter (where satisfaction is not null) as evaluated,"
                        + " count(*) filter (where attached_to is null and status not in (" + ENDED + ")) as open,"
                        + " count(*) filter (where " + CaseClock.RUNNING_DUE_SQL + " < :today) as overdue,"
                        + " count(*) filter (where repeat_of is not null) as repeats,"
                        + " count(*) filter (where is_group) as groups"
                        + " from petition_case where received_at >= :start and received_at < :end"
                        + " group by k order by k")
                .param("today", today).param("start", start).param("end", end)
                .query((rs, i) -> new Row(rs.getString("k"), rs.getLong("received"), rs.getLong("ack_on_time"),
                        rs.getLong("ack_due"), rate(rs.getLong("ack_on_time"), rs.getLong("ack_due")),
                        rs.getLong("reply_on_time"), rs.getLong("reply_due"),
                        rate(rs.getLong("reply_on_time"), rs.getLong("reply_due")), rs.getLong("satisfied"),
                        rs.getLong("evaluated"), rate(rs.getLong("satisfied"), rs.getLong("evaluated")),
                        rs.getLong("open"), rs.getLong("overdue"), rs.getLong("repeats"),
                        rate(rs.getLong("repeats"), rs.getLong("received")), rs.getLong("groups")))
                .list();
    }

    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
