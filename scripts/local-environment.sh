# Settings of the local run only. The secrets here are for this machine's emulated setup and no deployment uses them.
export ASPNETCORE_ENVIRONMENT=Development
export SILO_URL=http://127.0.0.1:5081
export GATEWAY_URL=http://127.0.0.1:5080
export INGEST_URL=http://127.0.0.1:5082

export Jwt__Secret=local-development-signing-secret-not-for-any-deployment
# The OAuth issuer is the gateway's base URL; in Development the OAuth keys are made at start-up (lost at restart).
export OAuth__Issuer=$GATEWAY_URL
export Admin__EmailAddress=admin@serverless-sample.com
export Admin__Password="local administrator passphrase"

# DynamoDB is dynalite on 127.0.0.1 (emulators/dynalite.sh), its data under .data/dynamodb. The AWS SDK reads these
# variables itself; the keys are placeholders dynalite accepts and no AWS account knows.
export DYNAMODB_PORT=8000
export AWS_REGION=us-east-1
export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:$DYNAMODB_PORT
export AWS_ACCESS_KEY_ID=local
export AWS_SECRET_ACCESS_KEY=local
export Storage__users__CreateTableIfNotExists=true
export Reminders__CreateTableIfNotExists=true

# EventBridge is a stand-in on 127.0.0.1 (emulators/eventbridge.mjs) that prints every event it accepts and keeps them
# in .data/events.jsonl. No instance-metadata look-up: the placeholder keys above are the credentials.
export EVENTBRIDGE_PORT=4010
export AWS_ENDPOINT_URL_EVENTBRIDGE=http://127.0.0.1:$EVENTBRIDGE_PORT
export AWS_EC2_METADATA_DISABLED=true
export Events__Source=local.users

# SQS is the fauxqs emulator on 127.0.0.1 (emulators/sqs.mjs) with the queue the ingest worker reads and its
# dead-letter queue (redrive after 5 receives). It keeps nothing across restarts.
export SQS_PORT=4566
export AWS_ENDPOINT_URL_SQS=http://127.0.0.1:$SQS_PORT
