using UserManagement.ServiceDefaults;
using UserManagement.ServiceDefaults.Orleans;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddUserManagementClusterClient();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

