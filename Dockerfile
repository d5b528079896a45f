# One image for the three services; each ECS service chooses its entry point by command, e.g.
#   dotnet /app/gateway/UserManagement.Gateway.dll

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/

RUN dotnet restore src/Silo/UserManagement.Silo.csproj \
 && dotnet restore src/Gateway/UserManagement.Gateway.csproj \
 && dotnet restore src/Ingest/UserManagement.Ingest.csproj

RUN dotnet publish src/Silo/UserManagement.Silo.csproj --configuration Release --no-restore --output /app/silo \
 && dotnet publish src/Gateway/UserManagement.Gateway.csproj --configuration Release --no-restore --output /app/gateway \
 && dotnet publish src/Ingest/UserManagement.Ingest.csproj --configuration Release --no-restore --output /app/ingest

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .

ENV ASPNETCORE_HTTP_PORTS=8080
# HTTP (API and health), Orleans silo-to-silo, Orleans gateway.
EXPOSE 8080 11111 30000

# The aspnet image ships an unprivileged "app" user; APP_UID is its numeric id.
USER $APP_UID

CMD ["dotnet", "/app/gateway/UserManagement.Gateway.dll"]
