package org.petitionbridge.routing.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.routing.rules.PetitionFacts;
import org.petitionbridge.routing.rules.RoutingDecision;
import org.petitionbridge.routing.rules.RuleEngine;
import org.petitionbridge.routing.rules.RuleSet;

/**
 * How many routing decisions the rule engine makes per second on one thread: rule evaluation alone, no database,
 * no broker, no JSON. Not a test; it prints and asserts nothing. The petitions are a mix of the demo county's:
 * every category given, across every township, half as many with no category (keyword suggestion over a subject
 * and a content of a few hundred characters, including ties and texts that match nothing), accusations and
 * recusals. Run with
 *
 * <pre>
 * ./mvnw -q -pl routing-service test-compile exec:java \
 *     -Dexec.mainClass=org.petitionbridge.routing.bench.RuleEngineBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * Optional arguments: warm-up seconds and measured seconds (default 5 and 10).
 */
public final class RuleEngineBenchmark {

    /** Text that matches no keyword, to give the content a realistic length. */
    private static final String FILLER = "事情经过如下，希望有关部门尽快核实，给群众一个明确的答复，我们一直在等待消息。";

    private static final List<String> SUGGESTIBLE = List.of(
            "村里征地的土地补偿一直没发", "老房子被强拆，安置房也没有", "包工头拖欠工资不给", "公司无故辞退，不签劳动合同",
            "养老金停发，社保断缴", "医保报销比例太低", "家里困难申请低保，临时救助也没批", "洪水过后房屋受灾，救灾物资没发",
            "承包地被收回，土地流转费没给", "村委会不搞村务公开", "和邻居的宅基地纠纷", "工厂排污，夜里噪音很大",
            "孩子入学被学校拒绝", "在卫生院看病，医生误诊", "超市卖过期食品，消费者投诉无门", "村口有人聚众赌博还打架",
            "公路坑洼，班车停运", "村干部贪污扶贫款还受贿", "法院判决后一直不强制执行", "建议在村口修个公厕",
            "征地以后又要强拆", "失业保险", "有事情反映");

    private RuleEngineBenchmark() {
    }

    public static void main(String[] args) {
        Duration warmUp = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
        Duration measured = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        CountyReference county = CountyReference.demo();
        RuleEngine engine = new RuleEngine(county);
        RuleSet rules = RuleSet.fromCounty(1, county);
        PetitionFacts[] petitions = petitions(county);

        System.out.printf("RuleEngine benchmark: %d petitions in the mix, one thread, warm-up %d s, measured %d s%n",
                petitions.length, warmUp.toSeconds(), measured.toSeconds());
        run(engine, rules, petitions, warmUp);
        Result result = run(engine, rules, petitions, measured);
        System.out.printf(Locale.ROOT, "decisions: %d in %.2f s%n", result.decisions(), result.seconds());
        System.out.printf(Locale.ROOT, "throughput: %,.0f decisions/s (%.0f ns per decision)%n",
                result.decisions() / result.seconds(), result.seconds() * 1e9 / result.decisions());
        System.out.printf("(checksum %d)%n", result.checksum());
    }

    private record Result(long decisions, double seconds, long checksum) {
    }

    private static Result run(RuleEngine engine, RuleSet rules, PetitionFacts[] petitions, Duration duration) {
        long checksum = 0;
        long decisions = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long now = start;
        while (now < end) {
            // Check the clock once per round of the whole mix, not per decision.
            for (PetitionFacts petition : petitions) {
                RoutingDecision d = engine.decide(rules, petition, Set.of());
                checksum += d.explanation().length() + (d.lead() == null ? 1 : d.lead().hashCode());
            }
            decisions += petitions.length;
            now = System.nanoTime();
        }
        return new Result(decisions, (now - start) / 1e9, checksum);
    }

    private static PetitionFacts[] petitions(CountyReference county) {
        List<String> villages = new ArrayList<>(county.villages().keySet());
        List<PetitionFacts> out = new ArrayList<>();
        int n = 0;
        // Every category given, from villages across every township.
        for (String category : county.categories().keySet()) {
            for (int i = 0; i < 3; i++) {
                String village = villages.get((n * 7 + i) % villages.size());
                out.add(new PetitionFacts(no(n++), village, category, "反映" + county.categories().get(category).name()
                        + "问题", FILLER.repeat(4), null));
            }
        }
        // No category: suggestion from subject and content, including a tie and a text that matches nothing.
        for (String text : SUGGESTIBLE) {
            for (int i = 0; i < 2; i++) {
                String village = villages.get((n * 5 + i) % villages.size());
                out.add(new PetitionFacts(no(n++), village, null, text, FILLER.repeat(3) + text + FILLER, null));
            }
        }
        // Accusations and recusals.
        out.add(new PetitionFacts(no(n++), "990101002001", "ACCUSATION", "镇干部截留补助款", FILLER, "T002"));
        out.add(new PetitionFacts(no(n++), "990101002002", "HOUSING_DEMOLITION", "强拆", FILLER, "T002"));
        out.add(new PetitionFacts(no(n++), "990101002002", "HOUSING_DEMOLITION", "强拆", FILLER, "ZJJ"));
        out.add(new PetitionFacts(no(n++), "990101006002", "NEIGHBOR_DISPUTE", "邻里纠纷", FILLER, "T006"));
        return out.toArray(PetitionFacts[]::new);
    }

    private static String no(int n) {
        return "XF990101-20261126-%06d".formatted(n);
    }
}
