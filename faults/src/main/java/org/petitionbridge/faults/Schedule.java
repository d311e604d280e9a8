package org.petitionbridge.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * When each fault of a run happens, drawn from the profile's seed (the same seed gives the same schedule). Kills of
 * each service are spread evenly over 5-85 % of the run, each moved by up to half its spacing; broker restarts and
 * database outages each get a slot of their own in 10-80 % of the run (they do not overlap one another, so that
 * the recovery from each can be told apart); receiver outages start anywhere in 5-60 %. Which instance of a
 * service is killed is chosen when the kill happens, among those that answer then.
 */
final class Schedule {

    enum Kind {
        KILL, BROKER_CLEAN, BROKER_KILL, POSTGRES_DOWN, RECEIVER_DOWN
    }

    /** One fault: at {@code at} after the start; {@code target} a service or a department; {@code lasts} or zero. */
    record Fault(Kind kind, Duration at, String target, Duration lasts) {
    }

    private Schedule() {
    }

    static List<Fault> plan(Profile p, List<String> departments) {
        Random random = new Random(p.seed());
        long length = p.length().toMillis();
        List<Fault> faults = new ArrayList<>();
        for (int s = 0; s < Profile.KILLED.size(); s++) {
            String service = Profile.KILLED.get(s);
            double spacing = 0.80 / Math.max(1, p.killsPerService());
            for (int k = 0; k < p.killsPerService(); k++) {
                double at = 0.05 + spacing * (k + 0.5) + (random.nextDouble() - 0.5) * spacing;
                faults.add(new Fault(Kind.KILL, Duration.ofMillis((long) (at * length)), service, Duration.ZERO));
            }
        }
        List<Kind> slotted = new ArrayList<>();
        for (int b = 0; b < p.brokerRestarts(); b++) {
            slotted.add(b % 2 == 0 ? Kind.BROKER_CLEAN : Kind.BROKER_KILL);
        }
        for (int d = 0; d < p.postgresOutages(); d++) {
            slotted.add(Kind.POSTGRES_DOWN);
        }
        Collections.shuffle(slotted, random);
        double slot = 0.70 / Math.max(1, slotted.size());
        long minDown = p.postgresDown().get(0).toMillis();
        long maxDown = p.postgresDown().get(1).toMillis();
        for (int i = 0; i < slotted.size(); i++) {
            double at = 0.10 + slot * i + random.nextDouble() * slot * 0.3;
            Kind kind = slotted.get(i);
            Duration lasts = kind == Kind.POSTGRES_DOWN
                    ? Duration.ofMillis(minDown + (long) (random.nextDouble() * (maxDown - minDown))) : Duration.ZERO;
            faults.add(new Fault(kind, Duration.ofMillis((long) (at * length)), kind == Kind.POSTGRES_DOWN ? "postgres"
                    : "kafka", lasts));
        }
        for (int r = 0; r < p.receiverOutages(); r++) {
            double at = 0.05 + random.nextDouble() * 0.55;
            faults.add(new Fault(Kind.RECEIVER_DOWN, Duration.ofMillis((long) (at * length)),
                    departments.get(random.nextInt(departments.size())), p.receiverDown()));
        }
        faults.sort(Comparator.comparing(Fault::at));
        return List.copyOf(faults);
    }
}
