# Settings of the local run only. The secrets here are for this machine's emulated setup and no deployment uses them.
export ASPNETCORE_ENVIRONMENT=Development
export SILO_URL=http://127.0.0.1:5081
export GATEWAY_URL=http://127.0.0.1:5080
export INGEST_URL=http://127.0.0.1:5082

export Jwt__Secret=local-development-signing-secret-not-for-any-deployment
export Admin__EmailAddress=admin@serverless-sample.com
export Admin__Password="local administrator passphrase"
