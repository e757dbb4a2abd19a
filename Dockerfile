# Builds and runs Stroomlijn. The flows in processes/ are packaged into the jar; mount your own
# folder at /app/processes to deploy other flows without rebuilding.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY processes processes
RUN mvn -B -q package -DskipTests -Dspotless.check.skip=true

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app stroomlijn
WORKDIR /app
COPY --from=build /build/target/stroomlijn-*.jar /app/stroomlijn.jar
COPY processes /app/processes
RUN mkdir -p /app/data && chown -R stroomlijn /app
USER stroomlijn
EXPOSE 8080
VOLUME /app/data
ENTRYPOINT ["java", "-jar", "/app/stroomlijn.jar"]
