# Pestle application image.
#   docker compose build app        (or: docker build -t pestle .)
# Build stage: the Maven Wrapper fetches the pinned Maven (.mvn/wrapper), then
# packages the Spring Boot jar. Tests run in CI (.ci/run), not here.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY . .
# The cache mount keeps ~/.m2 (Maven's dependencies and the wrapper's Maven)
# between builds.
RUN --mount=type=cache,target=/root/.m2 \
    set -eu; \
    chmod +x mvnw; \
    ./mvnw -B -Pproduction -DskipTests package; \
    mkdir -p /dist; \
    jars="$(find target -maxdepth 1 -name 'pestle-*.jar' \
        ! -name '*-sources.jar' ! -name '*-javadoc.jar' ! -name '*-tests.jar' ! -name '*-plain.jar')"; \
    if [ -z "$jars" ] || [ "$(printf '%s\n' "$jars" | wc -l)" -ne 1 ]; then \
        echo "expected exactly one target/pestle-*.jar, found: ${jars:-none}" >&2; exit 1; \
    fi; \
    cp "$jars" /dist/app.jar

# Runtime stage: JRE only, runs as a non-root user.
FROM eclipse-temurin:17-jre
RUN groupadd --gid 10001 pestle \
    && useradd --uid 10001 --gid pestle --no-create-home --home-dir /app --shell /usr/sbin/nologin pestle \
    && install -d -o pestle -g pestle /app
WORKDIR /app
# The jar stays root-owned (read-only for the app); /app itself is writable.
COPY --from=build /dist/app.jar /opt/pestle/app.jar
USER 10001:10001
EXPOSE 8080
# Extra JVM options: set JAVA_TOOL_OPTIONS. Spring settings: environment.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-jar", "/opt/pestle/app.jar"]
