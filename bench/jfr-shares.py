#!/usr/bin/env python3
"""Shares of a JFR recording's execution samples, by thread and by what the samples were doing.

    jfr print --events jdk.ExecutionSample --stack-depth 128 bench.jfr > samples.txt
    python3 bench/jfr-shares.py samples.txt [FROM TO]      # FROM, TO: HH:MM:SS, the measured phases only

The JDK's own `jfr` tool has no grouping by thread before JDK 21 (`jfr view`), and the benchmark runs every service
in one JVM, so its threads (their names say which binding) and their stacks (which module) are what tell the
services apart. A sample counts once for its thread group and once for the innermost frame it is in: the first
frame of the platform's own code or of a library below. Where a group's threads serve several services, the
samples with each service's code on the stack are counted too.
"""
import collections
import re
import sys

LIBRARIES = [
    ('the broker', r'(kafka\.|org\.apache\.kafka\.(server|storage|raft|controller|metadata|coordinator|image|network))'),
    ('Kafka client', r'org\.apache\.kafka\.clients'),
    ('spring-kafka', r'org\.springframework\.kafka'),
    ('Spring Cloud Stream and Function', r'org\.springframework\.cloud'),
    ('Spring JDBC and transactions', r'org\.springframework\.(jdbc|transaction)'),
    ('PostgreSQL driver', r'org\.postgresql'),
    ('Hikari', r'com\.zaxxer'),
    ('Micrometer', r'io\.micrometer'),
    ('tracing', r'io\.opentelemetry'),
    ('Jackson', r'(com\.fasterxml|tools\.jackson)'),
    ('Spring Security and JWT', r'(org\.springframework\.security|com\.nimbusds)'),
    ('Spring MVC', r'org\.springframework\.web'),
    ('Tomcat', r'org\.apache\.(tomcat|catalina|coyote)'),
    ('HTTP client', r'(jdk\.internal\.net\.http|java\.net\.http)'),
    ('crypto', r'(javax\.crypto|com\.sun\.crypto|sun\.security)'),
    ('logging', r'(ch\.qos\.logback|org\.slf4j)'),
]
LIBRARIES = [(name, re.compile('^' + rx)) for name, rx in LIBRARIES]

# Which service a consumer thread is, by the topics of its binding (the services' yml).
BINDINGS = [
    ('deadline', "notify's planner"),
    ('triage', "the ledger's consumer"),
    ('received.v#,petition.status.v#', "risk's and routing's consumers"),
    ('intake.dlq', "intake's status consumer"),
]


def group(thread):
    t = re.sub(r'\d+', '#', thread)
    if 'KafkaConsumerDestination' in t:
        return next((name for key, name in BINDINGS if key in t), 'another consumer')
    for prefix, name in [('http-nio', "Tomcat's request threads"), ('data-plane', 'the broker'),
                         ('webhook', "notify's dispatcher"), ('bench', 'the load generator'),
                         ('pool-', 'executor pools (the load generator, its receiver)'), ('outbox', 'outbox relays')]:
        if t.startswith(prefix):
            return name
    return 'other: ' + t


def inner(frames):
    for f in frames:
        m = re.match(r'org\.petitionbridge\.(\w+)', f)
        if m:
            return 'petition-bridge ' + m.group(1)
        for name, rx in LIBRARIES:
            if rx.match(f):
                return name
    return 'the JDK'


def samples(lines, start, end):
    thread, frames, when, in_stack = None, [], '', False
    for line in lines:
        s = line.strip()
        if s.startswith('jdk.ExecutionSample'):
            if frames and start <= when < end:
                yield thread, frames
            thread, frames, when, in_stack = '?', [], '', False
        elif s.startswith('startTime'):
            when = s.split('=', 1)[1].strip()
        elif s.startswith('sampledThread'):
            m = re.search(r'"(.*)"', s)
            thread = m.group(1) if m else '?'
        elif s.startswith('stackTrace = ['):
            in_stack = True
        elif in_stack and s.startswith(']'):
            in_stack = False
        elif in_stack and s and s != '...':
            frames.append(s)
    if frames and start <= when < end:
        yield thread, frames


def main():
    path = sys.argv[1]
    start, end = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ('', '~')
    groups = collections.Counter()
    inside = collections.defaultdict(collections.Counter)
    modules = collections.defaultdict(collections.Counter)
    with open(path, encoding='utf-8') as lines:
        for thread, frames in samples(lines, start, end):
            g = group(thread)
            groups[g] += 1
            inside[g][inner(frames)] += 1
            for m in {re.match(r'org\.petitionbridge\.(\w+)', f).group(1) for f in frames
                      if f.startswith('org.petitionbridge.')} - {'service', 'events'}:
                modules[g][m] += 1
    total = sum(groups.values())
    print(f'{total} samples')
    for g, n in groups.most_common(12):
        parts = ', '.join(f'{k} {100 * v / n:.0f} %' for k, v in inside[g].most_common(6))
        print(f'{100 * n / total:5.1f} %  {g}: {parts}')
        if len(modules[g]) > 1:
            print('         of all samples, with on the stack: ' + ', '.join(
                f'{k} {100 * v / total:.1f} %' for k, v in modules[g].most_common(4)))


if __name__ == '__main__':
    main()
