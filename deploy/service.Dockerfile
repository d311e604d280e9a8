# One image recipe for the five services (intake, routing, ledger, notify, risk): docker-compose.yml builds each
# from its module folder (the build context) and passes the module's name (SERVICE) and port (PORT).
# Build the jars first: ./mvnw -q package -DskipTests (docker compose build then copies them).
FROM eclipse-temurin:17-jre
ARG SERVICE
ARG PORT
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 petition
WORKDIR /app
COPY target/${SERVICE}-*-exec.jar /app/app.jar
USER petition
EXPOSE ${PORT}
ENV HEALTH_PORT=${PORT} JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
    CMD curl -fsS http://localhost:${HEALTH_PORT}/actuator/health/readiness || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
