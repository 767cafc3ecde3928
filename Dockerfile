# syntax=docker/dockerfile:1
# The one image: `import-operator operator`, `worker` (processing Jobs) and `review` (web app) are verbs of the same
# executable. Build: docker build -t ghcr.io/importoperator/import-operator:0.1.0 .
# CI checks this file's publish command by running it (tests/ImportOperator.Tests/Ship/DockerfileTests.cs).

# --- build: the .NET 10 SDK restores and publishes (framework-dependent: the runtime image carries ASP.NET Core) ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so a source change does not re-download packages.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ImportOperator/ImportOperator.csproj src/ImportOperator/
COPY src/ImportOperator.Engine/ImportOperator.Engine.csproj src/ImportOperator.Engine/
COPY src/ImportOperator.Runtime/ImportOperator.Runtime.csproj src/ImportOperator.Runtime/
RUN dotnet restore src/ImportOperator/ImportOperator.csproj
COPY src/ src/
RUN dotnet publish src/ImportOperator -c Release -o /app

# --- runtime: chiseled Ubuntu (no shell, no package manager), with ICU and time zones for culture-aware parsing ---
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /app ./
# A read-only root file system works: no diagnostics IPC socket (it would be created in /tmp), and anything that
# still needs scratch space (the worker's input copy, ASP.NET Core's temp files) uses /tmp, which the chart and the
# processing Jobs mount as an emptyDir.
ENV DOTNET_EnableDiagnostics=0 \
    DOTNET_gcServer=0 \
    TMPDIR=/tmp
# 1654 is the "app" user of the .NET images; the chart's pods and the processing Jobs run as it too.
USER 1654
EXPOSE 8080 8081
ENTRYPOINT ["/app/import-operator"]
