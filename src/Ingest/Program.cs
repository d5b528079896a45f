using UserManagement.Ingest;
using UserManagement.ServiceDefaults;
using UserManagement.ServiceDefaults.Orleans;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddUserManagementClusterClient();
builder.AddOrderIngest();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
