using UserManagement.Events.EventBridge;
using UserManagement.Grains.Hosting;
using UserManagement.Contracts.Users;
using UserManagement.Persistence.DynamoDB;
using UserManagement.Reminders.DynamoDB;
using UserManagement.ServiceDefaults;
using UserManagement.ServiceDefaults.Orleans;
using UserManagement.Silo;
using UserManagement.Grains.Users;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddClusterDefaults();
builder.UseOrleans(silo =>
{
    silo.UseConfiguredClustering();
    silo.UseConfiguredGrainCollection();
    silo.AddActivityPropagation();
    silo.AddUserGrains();
    // Settings under Storage:users (table, start-up table creation, timeout); the client follows the AWS SDK's
    // conventions: AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB for a local stand-in, the default credential chain.
    silo.AddDynamoDBGrainStorage(UserGrain.StorageName);

    // The outbox's two adapters: PutEvents on EventBridge (settings under Events), and the durable reminders that wake a
    // user whose event is due for another attempt (the DynamoDB table under Reminders, on the same client).
    silo.Services.AddEventBridgePublisher();
    silo.AddDynamoDBReminders();
    silo.AddDevelopmentDashboard(builder.Environment);
});
builder.AddCoHostedRoles();

var app = builder.Build();
app.UseCoHostedApi();
app.MapDefaultEndpoints();
app.MapDevelopmentDashboard();
app.MapCoHostedApi();
app.Run();
